using Microsoft.DurableTask;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Orchestration;

/// <summary>The orchestration's side of <see cref="ProjectJournalEntity"/>: numbers the steps as they come and, in a retry,
/// hands back the recorded result of each step the journal has, until the first one it does not have.</summary>
/// <remarks>Deterministic: the recorded steps come from an entity call in the history, and the numbering from the order
/// in which the (deterministic) workflow asks for steps. Once a step is not in the journal (or is another step than the
/// one recorded at its position) every later step runs live.</remarks>
internal sealed class StepJournal(TaskOrchestrationContext context)
{
    private IReadOnlyList<JournalStep> _recorded = [];
    private bool _replaying;

    /// <summary>The position of the current step (the one the last <see cref="Next"/> numbered).</summary>
    public int Sequence { get; private set; }

    /// <summary>A retry reads the journal; a run from the start resets it.</summary>
    public async Task OpenAsync(ProjectRetry? retry)
    {
        var id = ProjectJournalEntity.IdFor(context.InstanceId);
        if (retry is null)
        {
            await context.Entities.SignalEntityAsync(id, nameof(ProjectJournalEntity.Reset)).ConfigureAwait(true);
            return;
        }

        var journal = await context.Entities.CallEntityAsync<ProjectJournal>(id, nameof(ProjectJournalEntity.Get)).ConfigureAwait(true);
        _recorded = [.. (journal?.Steps ?? []).TakeWhile((step, index) => step.Sequence == index + 1)];
        _replaying = _recorded.Count > 0;
    }

    /// <summary>Numbers the next step; returns its record when the journal has exactly this step at this position.</summary>
    public JournalStep? Next(string kind, string who, string phase, int iteration, int number)
    {
        Sequence++;
        if (_replaying && Sequence <= _recorded.Count && _recorded[Sequence - 1].Is(kind, who, phase, iteration, number))
        {
            return _recorded[Sequence - 1];
        }

        _replaying = false;
        return null;
    }

    /// <summary>Records a finished step (a signal: it is not waited for).</summary>
    public Task RecordAsync(JournalStep step) =>
        context.Entities.SignalEntityAsync(ProjectJournalEntity.IdFor(context.InstanceId), nameof(ProjectJournalEntity.Record), step);

    /// <summary>Records why the run stops, and waits for it: the steps recorded in this episode are then kept, although
    /// the failing episode that follows drops its own messages.</summary>
    public Task StoppedAsync(string reason) =>
        context.Entities.CallEntityAsync(ProjectJournalEntity.IdFor(context.InstanceId), nameof(ProjectJournalEntity.Stopped), reason);
}
