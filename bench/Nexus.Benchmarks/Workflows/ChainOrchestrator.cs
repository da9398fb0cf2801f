using Microsoft.DurableTask;

namespace Nexus.Benchmarks.Workflows;

/// <summary><c>input</c> no-op activities one after another: the orchestration whose histories the runner-cost workload
/// replays (a history grows by four events per activity).</summary>
internal sealed class ChainOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var x = 0;
        for (var i = 0; i < input; i++)
        {
            x = await context.CallActivityAsync<int>(BenchWorkflows.NoOp, x + 1);
        }

        return x;
    }
}
