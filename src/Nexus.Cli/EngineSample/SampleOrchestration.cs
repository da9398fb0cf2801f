using Microsoft.DurableTask;

namespace Nexus.Cli.EngineSample;

/// <summary>The sample workload: fans out three <see cref="SampleActivity"/> calls, waits on a short durable timer,
/// then calls the activity once more with the sum. Deterministic: it only awaits context tasks.</summary>
internal sealed class SampleOrchestration : TaskOrchestrator<long, long>
{
    public const string Name = "EngineSample";

    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public override async Task<long> RunAsync(TaskOrchestrationContext context, long input)
    {
        var parts = await Task.WhenAll(
            context.CallActivityAsync<long>(SampleActivity.Name, input),
            context.CallActivityAsync<long>(SampleActivity.Name, input + 1),
            context.CallActivityAsync<long>(SampleActivity.Name, input + 2));
        await context.CreateTimer(Pause, CancellationToken.None);
        return await context.CallActivityAsync<long>(SampleActivity.Name, parts.Sum());
    }
}
