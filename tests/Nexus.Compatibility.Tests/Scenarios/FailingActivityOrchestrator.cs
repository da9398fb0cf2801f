using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Calls <see cref="FailingActivity"/> without catching: the instance fails with a <see cref="TaskFailedException"/>.</summary>
public sealed class FailingActivityOrchestrator : TaskOrchestrator<string?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
        context.CallActivityAsync<string>(nameof(FailingActivity), input);
}
