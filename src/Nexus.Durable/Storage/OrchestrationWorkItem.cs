namespace Nexus.Durable.Storage;

/// <summary>A locked orchestration or entity instance with its new messages.</summary>
/// <remarks>
/// The lock is a lease owned by <see cref="LockOwner"/> until <see cref="LockedUntil"/>. While it is held, no other
/// worker takes the instance, so its history cannot change underneath; load it with
/// <see cref="IDurableStore.GetHistoryAsync"/> when the worker has no cached state for <see cref="HistoryCount"/> events.
/// </remarks>
public sealed record OrchestrationWorkItem
{
    /// <summary>The instance.</summary>
    public required InstanceRecord Instance { get; init; }

    /// <summary>The worker that holds the lock.</summary>
    public required string LockOwner { get; init; }

    /// <summary>When the lease ends unless renewed.</summary>
    public DateTimeOffset LockedUntil { get; init; }

    /// <summary>The visible inbox messages, in delivery order.</summary>
    public required IReadOnlyList<InboxMessage> Messages { get; init; }

    /// <summary>How many events the history holds (the position the checkpoint appends at).</summary>
    public int HistoryCount { get; init; }

    /// <summary>How many times this work has been locked without a successful checkpoint, including this time.</summary>
    public int DequeueCount { get; init; }

    /// <summary>The error recorded by the last abandon, if any.</summary>
    public string? LastError { get; init; }
}
