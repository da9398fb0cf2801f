using System.Globalization;
using Microsoft.DurableTask;
using Nexus.Durable.Activities;

namespace Nexus.Durable.TestWorker;

/// <summary>Records <c>start &lt;instance&gt; &lt;n&gt; &lt;pid&gt;</c> before its work and <c>done …</c> after, and returns n.</summary>
/// <remarks><paramref name="invocation"/> is what the engine knows of this run (its cancellation when the worker stops).</remarks>
internal sealed class StepActivity(EffectsLog effects, WorkerArguments arguments, ActivityContext invocation) : TaskActivity<int, int>
{
    public const string Name = "Step";

    private static readonly TimeSpan BlockLimit = TimeSpan.FromSeconds(60);

    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        var what = string.Create(CultureInfo.InvariantCulture, $"{context.InstanceId} {input} {Environment.ProcessId}");
        effects.Append("start " + what);
        if (arguments.StepDelay > TimeSpan.Zero)
        {
            await Task.Delay(arguments.StepDelay, invocation.CancellationToken);
        }

        if (input == 3 && arguments.Mode == WorkerMode.BlockStep3)
        {
            await BlockUntilReleasedAsync(invocation.CancellationToken);
        }

        effects.Append("done " + what);
        return input;
    }

    private async Task BlockUntilReleasedAsync(CancellationToken cancellationToken)
    {
        var release = effects.Path + ".release";
        var deadline = DateTime.UtcNow + BlockLimit;
        while (!File.Exists(release) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
