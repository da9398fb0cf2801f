using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Replay;

/// <summary>What one episode produced, ready to become a checkpoint.</summary>
internal sealed record EpisodeResult
{
    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    public required OrchestrationRuntimeStatus Status { get; init; }

    public IReadOnlyList<ActivityRequest> Activities { get; init; } = [];

    public IReadOnlyList<OrchestrationMessage> Messages { get; init; } = [];

    public IReadOnlyList<NewInstance> SubOrchestrations { get; init; } = [];

    public string? Output { get; init; }

    public FailureDetails? Failure { get; init; }

    public string? CustomStatus { get; init; }

    /// <summary>Set on continue-as-new: the new execution's id and input; the history is replaced.</summary>
    public string? NewExecutionId { get; init; }

    public string? NewInput { get; init; }

    public bool IsTerminal => Status.IsTerminal();
}
