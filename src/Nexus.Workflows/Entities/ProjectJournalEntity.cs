using Microsoft.DurableTask.Entities;

namespace Nexus.Workflows.Entities;

/// <summary>Per project: every finished step with its recorded result, kept across runs of the same project id — what a
/// retry continues from.</summary>
/// <remarks>
/// Written only by the project orchestration, after a step's result is recorded in its history. An execution's history
/// ends with it (a retry is a new execution of the same instance, with higher limits if asked), and it is not readable
/// the same way on every Durable backend; an entity is. A run from the start resets it; a step recorded again (a retry
/// that took another path from some position on) replaces the steps from its position.
/// </remarks>
public sealed class ProjectJournalEntity : TaskEntity<ProjectJournal>
{
    /// <summary>The registered entity name.</summary>
    public const string EntityName = "projectjournal";

    /// <summary>The journal of <paramref name="projectId"/>.</summary>
    public static EntityInstanceId IdFor(string projectId) => new(EntityName, projectId);

    /// <summary>Forgets everything: the project starts from the beginning.</summary>
    public void Reset() => State = new ProjectJournal();

    /// <summary>Records a finished step; steps at or after its position are dropped first.</summary>
    public void Record(JournalStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        State.Steps.RemoveAll(s => s.Sequence >= step.Sequence);
        State.Steps.Add(step);
    }

    /// <summary>Records why a run stopped. Awaited by the orchestration before it fails, so that the steps it recorded in
    /// the same episode are kept (a failing episode's other messages are dropped).</summary>
    public void Stopped(string reason) => State.Stops.Add(reason ?? string.Empty);

    /// <summary>The journal.</summary>
    public ProjectJournal Get() => State;

    /// <inheritdoc/>
    protected override ProjectJournal InitializeState(TaskEntityOperation entityOperation) => new();
}
