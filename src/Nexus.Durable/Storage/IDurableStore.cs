using Nexus.Durable.History;

namespace Nexus.Durable.Storage;

/// <summary>The one seam between the engine and its storage (in-memory, SQLite, PostgreSQL).</summary>
/// <remarks>
/// <para>Contract (checked by the store contract suite every backend runs):</para>
/// <list type="bullet">
/// <item>Instance work (orchestrations and entities) and activity work are leased: a locked item is invisible to other
/// lockers until its lease expires or it is released. Each lock increments the item's dequeue count.</item>
/// <item><see cref="CheckpointAsync"/> is atomic: history append, consumed-message deletion, enqueued activities,
/// messages and sub-orchestrations, the instance update and the lock release commit together or not at all. It throws
/// <see cref="LeaseLostException"/> if the caller no longer owns the lock; appending at a history position that exists
/// fails (unique key, also reported as <see cref="LeaseLostException"/>) — a second writer never interleaves.</item>
/// <item>Abandon, renew and park by a caller that does not own the lock fail with <see cref="LeaseLostException"/>
/// (renew answers <see cref="LeaseStatus.Lost"/> instead).</item>
/// <item><see cref="CompleteActivityAsync(ActivityWorkItem, HistoryEvent, CancellationToken)"/> deletes the activity and delivers its result to the orchestration's inbox in one
/// transaction, and throws <see cref="LeaseLostException"/> if the caller no longer owns it. It may also lock the
/// orchestration for the caller (eager episode dispatch), and a checkpoint may insert its activities already locked
/// (eager activity dispatch): locked that way, they are invisible to other lockers until their lease expires.</item>
/// <item>Inbox messages are delivered in the order they were enqueued (per instance), and not before their visible time.
/// Messages to a finished (terminal) instance or to a missing orchestration are dropped; messages to an entity create the
/// entity when it is missing.</item>
/// <item>Values larger than the store's payload threshold (UTF-8 bytes) are stored once per instance (by content hash) and referenced,
/// so histories stay small; every read returns them resolved.</item>
/// <item>Times come from the store's <see cref="TimeProvider"/>.</item>
/// </list>
/// </remarks>
public interface IDurableStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Safe to call more than once and from several processes.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an instance (Pending) and enqueues its <see cref="EventKind.ExecutionStarted"/>.</summary>
    /// <exception cref="InstanceAlreadyExistsException">An instance with the id is Pending, Running or Suspended; or it exists
    /// in any state and <see cref="NewInstance.ReuseFinishedId"/> is off. The exception carries the existing status.</exception>
    /// <remarks>A terminal instance with the same id is replaced (its history, inbox and payloads are deleted) unless
    /// <see cref="NewInstance.ReuseFinishedId"/> is off. The check and the insert are one atomic step: of concurrent creates of
    /// one new id exactly one succeeds, and a refused create changes nothing.</remarks>
    ValueTask CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance, or <see langword="null"/>.</summary>
    ValueTask<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Reads an orchestration's history (current execution), in order.</summary>
    ValueTask<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Queries instances.</summary>
    ValueTask<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Enqueues messages (raised events, terminate/suspend/resume requests, entity signals).</summary>
    ValueTask SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Deletes a terminal instance with its history, inbox and payloads. Returns 1, or 0 if missing or active.</summary>
    ValueTask<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the terminal instances that match. Returns how many.</summary>
    ValueTask<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Locks instances (orchestrations or entities, per <see cref="LockRequest.Kind"/>) that have visible messages.</summary>
    ValueTask<WorkBatch<OrchestrationWorkItem>> LockInstancesAsync(LockRequest request, CancellationToken cancellationToken = default);

    /// <summary>Commits an episode; see <see cref="OrchestrationCheckpoint"/>. Returns the activities it locked for
    /// <see cref="OrchestrationCheckpoint.LockActivities"/> (none when that is not set).</summary>
    ValueTask<CheckpointResult> CheckpointAsync(OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Releases an instance lock without consuming its messages, recording <paramref name="error"/>.</summary>
    ValueTask AbandonInstanceAsync(OrchestrationWorkItem workItem, string error, CancellationToken cancellationToken = default);

    /// <summary>Extends an instance lease.</summary>
    ValueTask<LeaseStatus> RenewInstanceLeaseAsync(OrchestrationWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Parks an instance's work as poison: the work item's messages move to the poison list and an orchestration
    /// fails with <paramref name="failure"/> (its parent, if any, is told). Entities keep their status and state and stay usable; each parked
    /// <see cref="EventKind.EntityOperationCalled"/> gets an <see cref="EventKind.EntityOperationFailed"/> response so no
    /// caller waits forever. Releases the lock.</summary>
    ValueTask ParkInstanceAsync(OrchestrationWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default);

    /// <summary>Locks queued activities.</summary>
    ValueTask<WorkBatch<ActivityWorkItem>> LockActivitiesAsync(LockRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes the activity and delivers <paramref name="result"/> (TaskCompleted/TaskFailed) to its orchestration, atomically.</summary>
    ValueTask CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="CompleteActivityAsync(ActivityWorkItem, HistoryEvent, CancellationToken)"/>, and (eager episode
    /// dispatch) when <paramref name="lockInstance"/> is set and the orchestration is active, of
    /// <see cref="LockRequest.Kind"/>, and not locked (or its lease expired), also locks it for
    /// <see cref="LockRequest.Owner"/> in the same transaction and returns its work item: every visible message including
    /// the result just delivered, its history count, its dequeue count incremented. Returns <see langword="null"/> otherwise
    /// (the result is then queued as usual).</summary>
    /// <exception cref="LeaseLostException">The caller no longer owns the activity; nothing is written.</exception>
    ValueTask<OrchestrationWorkItem?> CompleteActivityAsync(
        ActivityWorkItem workItem, HistoryEvent result, LockRequest? lockInstance, CancellationToken cancellationToken = default);

    /// <summary>Releases an activity lock, recording <paramref name="error"/>; it becomes visible again.</summary>
    ValueTask AbandonActivityAsync(ActivityWorkItem workItem, string error, CancellationToken cancellationToken = default);

    /// <summary>Extends an activity lease; also says whether its orchestration has ended.</summary>
    ValueTask<LeaseStatus> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Parks an activity as poison and delivers <paramref name="failure"/> (a TaskFailed) to its orchestration, atomically.</summary>
    ValueTask ParkActivityAsync(ActivityWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default);

    /// <summary>Lists parked work.</summary>
    ValueTask<IReadOnlyList<PoisonRecord>> GetPoisonAsync(CancellationToken cancellationToken = default);

    /// <summary>Storage figures of one instance.</summary>
    ValueTask<StoreDiagnostics> GetDiagnosticsAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Completes when work of <paramref name="kind"/> may have arrived (a notification), or after <paramref name="maxWait"/>
    /// on the store's clock. Spurious wake-ups are allowed; callers poll after it returns.</summary>
    ValueTask WaitForWorkAsync(WorkKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>Completes when <paramref name="instanceId"/> may have changed status, or after <paramref name="maxWait"/>.</summary>
    ValueTask WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default);
}
