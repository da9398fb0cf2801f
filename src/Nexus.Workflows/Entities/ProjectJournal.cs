namespace Nexus.Workflows.Entities;

/// <summary>The state of <see cref="ProjectJournalEntity"/>: a project's finished steps in order, and why each of its runs
/// stopped.</summary>
public sealed class ProjectJournal
{
    /// <summary>The finished steps, by <see cref="JournalStep.Sequence"/>.</summary>
    public List<JournalStep> Steps { get; set; } = [];

    /// <summary>Why each run that did not complete stopped, oldest first.</summary>
    public List<string> Stops { get; set; } = [];
}
