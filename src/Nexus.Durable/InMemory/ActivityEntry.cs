using Nexus.Durable.Storage;

namespace Nexus.Durable.InMemory;

/// <summary>A queued activity inside <see cref="InMemoryDurableStore"/>.</summary>
internal sealed class ActivityEntry
{
    public required long Id { get; init; }

    public required ActivityRequest Request { get; init; }

    public string? LockOwner { get; set; }

    public DateTimeOffset LockExpiry { get; set; }

    public int DequeueCount { get; set; }

    public string? LastError { get; set; }
}
