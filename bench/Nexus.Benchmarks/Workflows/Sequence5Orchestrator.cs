using Microsoft.DurableTask;

namespace Nexus.Benchmarks.Workflows;

/// <summary>W1 and W2: five no-op activities one after another.</summary>
internal sealed class Sequence5Orchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var x = input;
        for (var i = 0; i < BenchWorkflows.SequenceLength; i++)
        {
            x = await context.CallActivityAsync<int>(BenchWorkflows.NoOp, x);
        }

        return x;
    }
}
