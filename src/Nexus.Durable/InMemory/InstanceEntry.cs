using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.InMemory;

/// <summary>The mutable state of one instance inside <see cref="InMemoryDurableStore"/> (guarded by the store's lock).</summary>
internal sealed class InstanceEntry
{
    public required InstanceRecord Record { get; set; }

    public List<HistoryEvent> History { get; } = [];

    public List<InboxEntry> Inbox { get; } = [];

    public Dictionary<string, string> Payloads { get; } = new(StringComparer.Ordinal);

    public string? LockOwner { get; set; }

    public DateTimeOffset LockExpiry { get; set; }

    public int DequeueCount { get; set; }

    public string? LastError { get; set; }

    public bool IsLockedAt(DateTimeOffset now) => LockOwner is not null && LockExpiry > now;
}
