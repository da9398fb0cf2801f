using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>Throws <see cref="InvalidOperationException"/>(<see cref="Message"/>) from the orchestrator itself.</summary>
public sealed class ThrowingOrchestrator : TaskOrchestrator<string?, string>
{
    public const string Message = "orchestrator boom";

    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
        throw new InvalidOperationException(Message);
}
