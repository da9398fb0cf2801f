using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Three activities one after another; the output is composed from their results, in order.</summary>
public sealed class ActivityChainOrchestrator : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        string tokyo = await context.CallActivityAsync<string>(nameof(GreetActivity), "Tokyo");
        string seattle = await context.CallActivityAsync<string>(nameof(GreetActivity), "Seattle");
        string london = await context.CallActivityAsync<string>(nameof(GreetActivity), "London");
        return $"{tokyo} {seattle} {london}";
    }
}
