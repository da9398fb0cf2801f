using Nexus.Agents.Abstractions;

namespace Nexus.Workflows.Hosting;

/// <summary>Stands in for a backend whose settings are missing: every turn fails with NotConfigured and says what to set.</summary>
internal sealed class UnconfiguredBackend(string name, string howToConfigure) : AgentBackend
{
    public override string Name => name;

    protected override Task<AgentTurnResult> RunTurnCoreAsync(AgentTurnRequest request, string? model, CancellationToken cancellationToken) =>
        Task.FromResult(new AgentTurnResult
        {
            Succeeded = false,
            Backend = name,
            Model = model,
            Error = new AgentError(AgentErrorKind.NotConfigured, $"The '{name}' backend is not configured: {howToConfigure}."),
        });
}
