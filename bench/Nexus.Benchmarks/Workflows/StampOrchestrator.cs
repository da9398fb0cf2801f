using Microsoft.DurableTask;

namespace Nexus.Benchmarks.Workflows;

/// <summary>Returns the time its first episode started (the worker's clock, in ticks): the pickup workload's end mark.</summary>
internal sealed class StampOrchestrator : TaskOrchestrator<int, long>
{
    public override Task<long> RunAsync(TaskOrchestrationContext context, int input) => Task.FromResult(context.CurrentUtcDateTime.Ticks);
}
