using Nexus.Workflows.Memory;

namespace Nexus.Workflows.Activities;

/// <summary>The input of <see cref="RecordMemoryActivity"/>: what the orchestration gathered from the project's recorded
/// steps (its decisions, fixes, gate reports, outcome and conversation), bounded in size. The activity adds the plan
/// (PLAN.md) and redacts everything before it is stored.</summary>
public sealed record MemoryInput
{
    /// <summary>The project.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The project's description (its first line titles the plan).</summary>
    public required string Description { get; init; }

    /// <summary>Aria's last plan summary: the plan when the workspace has no PLAN.md.</summary>
    public string? PlanSummary { get; init; }

    /// <summary>The lessons: decisions, fixes, the final gate reports and the outcome.</summary>
    public IReadOnlyList<MemoryEntry> Entries { get; init; } = [];

    /// <summary>Each agent turn, shortened.</summary>
    public IReadOnlyList<ConversationTurn> Conversation { get; init; } = [];
}
