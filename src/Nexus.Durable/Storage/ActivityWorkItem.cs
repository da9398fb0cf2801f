namespace Nexus.Durable.Storage;

/// <summary>A locked activity.</summary>
public sealed record ActivityWorkItem
{
    /// <summary>Store-assigned id of the queued activity.</summary>
    public required long Id { get; init; }

    /// <summary>What to run.</summary>
    public required ActivityRequest Request { get; init; }

    /// <summary>The worker that holds the lock.</summary>
    public required string LockOwner { get; init; }

    /// <summary>When the lease ends unless renewed.</summary>
    public DateTimeOffset LockedUntil { get; init; }

    /// <summary>How many times it has been locked, including this time.</summary>
    public int DequeueCount { get; init; }

    /// <summary>The error recorded by the last abandon, if any.</summary>
    public string? LastError { get; init; }
}
