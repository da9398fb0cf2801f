using Microsoft.DurableTask;

namespace Nexus.Benchmarks.Workflows;

/// <summary>Returns its input: the activity's own cost is nil, so a workload measures the engine.</summary>
internal sealed class NoOpActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
}
