using Microsoft.DurableTask;

namespace Nexus.Cli.EngineSample;

/// <summary>The sample's side effect stand-in: squares its input. Idempotent, as activities must be (they run at least once).</summary>
internal sealed class SampleActivity : TaskActivity<long, long>
{
    public const string Name = "Square";

    public override Task<long> RunAsync(TaskActivityContext context, long input) => Task.FromResult(input * input);
}
