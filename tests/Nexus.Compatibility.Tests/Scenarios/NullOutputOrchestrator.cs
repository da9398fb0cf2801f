using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Returns <see langword="null"/>: how a backend stores an orchestration without an output.</summary>
public sealed class NullOutputOrchestrator : TaskOrchestrator<string?, string?>
{
    public override Task<string?> RunAsync(TaskOrchestrationContext context, string? input) => Task.FromResult<string?>(null);
}
