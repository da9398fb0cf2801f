using Microsoft.DurableTask;

namespace Nexus.Benchmarks.Workflows;

/// <summary>W3: <c>width</c> no-op activities at once, gathered with <see cref="Task.WhenAll{TResult}(Task{TResult}[])"/>.</summary>
internal sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var calls = new Task<int>[input];
        for (var i = 0; i < input; i++)
        {
            calls[i] = context.CallActivityAsync<int>(BenchWorkflows.NoOp, i);
        }

        var results = await Task.WhenAll(calls);
        return results.Sum();
    }
}
