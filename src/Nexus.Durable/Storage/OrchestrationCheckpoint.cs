using Nexus.Durable.History;

namespace Nexus.Durable.Storage;

/// <summary>Everything one episode produced. A store commits it as ONE transaction, or not at all.</summary>
/// <remarks>
/// The commit appends <see cref="NewHistory"/> at positions starting at <see cref="OrchestrationWorkItem.HistoryCount"/>
/// (or, with <see cref="ReplaceHistory"/>, replaces the whole history), deletes the consumed
/// <see cref="OrchestrationWorkItem.Messages"/>, enqueues <see cref="Activities"/>, <see cref="Messages"/> and
/// <see cref="SubOrchestrations"/>, updates the instance and releases the lock. It fails with
/// <see cref="LeaseLostException"/> when the caller no longer owns the lock, and a second writer for the same history
/// position fails on the store's unique key instead of interleaving.
/// </remarks>
public sealed record OrchestrationCheckpoint
{
    /// <summary>The locked work item this checkpoint completes.</summary>
    public required OrchestrationWorkItem WorkItem { get; init; }

    /// <summary>Events to append to the history.</summary>
    public IReadOnlyList<HistoryEvent> NewHistory { get; init; } = [];

    /// <summary>Replace the history instead of appending (continue-as-new).</summary>
    public bool ReplaceHistory { get; init; }

    /// <summary>The instance's new state.</summary>
    public required InstanceUpdate Update { get; init; }

    /// <summary>Activities to enqueue.</summary>
    public IReadOnlyList<ActivityRequest> Activities { get; init; } = [];

    /// <summary>Messages to other instances or to itself (timers carry <see cref="OrchestrationMessage.VisibleAt"/>).</summary>
    public IReadOnlyList<OrchestrationMessage> Messages { get; init; } = [];

    /// <summary>Sub-orchestrations to create. If one exists and is active, the store sends the parent a
    /// <see cref="EventKind.SubOrchestrationInstanceFailed"/> message instead.</summary>
    public IReadOnlyList<NewInstance> SubOrchestrations { get; init; } = [];

    /// <summary>Eager activity dispatch: when set, the store inserts up to <see cref="LockRequest.MaxItems"/> of
    /// <see cref="Activities"/> (the first ones) already locked by <see cref="LockRequest.Owner"/> for
    /// <see cref="LockRequest.LeaseDuration"/> (dequeue count 1) in the same transaction and returns them in
    /// <see cref="CheckpointResult.LockedActivities"/>; the rest are queued unlocked.</summary>
    public LockRequest? LockActivities { get; init; }
}
