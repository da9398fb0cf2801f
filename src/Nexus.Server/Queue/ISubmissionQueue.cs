namespace Nexus.Server.Queue;

/// <summary>The durable submission queue: task-assignment messages waiting to become projects.</summary>
/// <remarks>
/// <para>Contract (SQLite today; PostgreSQL later with the same statements plus <c>FOR UPDATE SKIP LOCKED</c> in the dequeue
/// sub-select and <c>LISTEN/NOTIFY</c> behind <see cref="WaitForMessagesAsync"/>):</para>
/// <list type="bullet">
/// <item>The message id is a unique key: enqueuing an id that exists stores nothing and answers the stored record.</item>
/// <item>Dequeue hands out the ready message with the highest priority, oldest first, leased until a deadline; a message
/// whose lease expired (its consumer died) is ready again. Each dequeue counts an attempt.</item>
/// <item>Complete, assign, release and park succeed only for the holder of the lease (its <see cref="QueuedSubmission.LeaseToken"/>).</item>
/// <item>A parked (dead) message is never handed out again; it stays visible with its reason.</item>
/// </list>
/// </remarks>
internal interface ISubmissionQueue
{
    /// <summary>Stores a message; returns <see langword="false"/> and stores nothing when its id exists.</summary>
    ValueTask<bool> EnqueueAsync(string messageId, int priority, string body, CancellationToken cancellationToken = default);

    /// <summary>Leases the next ready message, or <see langword="null"/>.</summary>
    ValueTask<QueuedSubmission?> TryDequeueAsync(TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records the project a message starts, before it is started (so a retried message never starts a second one).</summary>
    ValueTask<bool> AssignProjectAsync(QueuedSubmission message, string projectId, CancellationToken cancellationToken = default);

    /// <summary>Marks a message done.</summary>
    ValueTask<bool> CompleteAsync(QueuedSubmission message, string projectId, CancellationToken cancellationToken = default);

    /// <summary>Gives a message back, ready again after <paramref name="delay"/>, with the error that made it fail.</summary>
    ValueTask<bool> ReleaseAsync(QueuedSubmission message, TimeSpan delay, string error, CancellationToken cancellationToken = default);

    /// <summary>Parks a message that cannot be processed, with the reason.</summary>
    ValueTask<bool> ParkAsync(QueuedSubmission message, string reason, CancellationToken cancellationToken = default);

    /// <summary>One message's record, or <see langword="null"/>.</summary>
    ValueTask<SubmissionRecord?> GetAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>The parked messages, oldest first.</summary>
    ValueTask<IReadOnlyList<SubmissionRecord>> GetDeadLettersAsync(CancellationToken cancellationToken = default);

    /// <summary>Completes when a message may have arrived, or after <paramref name="maxWait"/>.</summary>
    ValueTask WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken = default);
}
