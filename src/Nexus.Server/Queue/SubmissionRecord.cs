namespace Nexus.Server.Queue;

/// <summary>A message of the submission queue as clients see it.</summary>
internal sealed record SubmissionRecord
{
    /// <summary>The message id.</summary>
    public required string MessageId { get; init; }

    /// <summary><c>queued</c>, <c>processing</c>, <c>completed</c> or <c>dead</c>.</summary>
    public required string State { get; init; }

    /// <summary>0 (low) … 3 (critical).</summary>
    public int Priority { get; init; }

    /// <summary>Dequeues so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The project it started (or is starting).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Why it was parked, or the last error.</summary>
    public string? Reason { get; init; }

    /// <summary>When it arrived.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When it was completed or parked.</summary>
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>The order in which messages were completed or parked (1, 2, …).</summary>
    public long? ProcessedOrder { get; init; }
}
