using Nexus.Agents.Scratchpads;
using Microsoft.DurableTask.Entities;

namespace Nexus.Workflows.Entities;

/// <summary>A project's handoff scratchpads, in the durable store with the workflow's state.</summary>
/// <remarks>
/// Written only by the project orchestration, with the entries a step's recorded result carries, before the next step
/// starts; an entry with a step key that is already present replaces it in place (a retried step overwrites, never
/// appends twice). The Markdown files under the project folder are a readable mirror.
/// </remarks>
public sealed class ScratchpadsEntity : TaskEntity<ScratchpadsState>
{
    /// <summary>The registered entity name.</summary>
    public const string EntityName = "scratchpads";

    /// <summary>The scratchpads of <paramref name="projectId"/>.</summary>
    public static EntityInstanceId IdFor(string projectId) => new(EntityName, projectId);

    /// <summary>Adds or replaces entries.</summary>
    public void Write(IReadOnlyList<ScratchpadWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            ScratchpadNames.Validate(write.Pad);
            var entries = State.Pads.TryGetValue(write.Pad, out var existing) ? existing : [];
            State.Pads[write.Pad] = ScratchpadRules.Upsert(entries, write.Entry);
        }
    }

    /// <inheritdoc/>
    protected override ScratchpadsState InitializeState(TaskEntityOperation entityOperation) => new();
}
