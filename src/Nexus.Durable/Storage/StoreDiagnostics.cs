namespace Nexus.Durable.Storage;

/// <summary>Storage figures of one instance (for tests and operators).</summary>
/// <param name="HistoryEvents">Events in its history.</param>
/// <param name="HistoryBytes">Bytes of event data stored inline in the history.</param>
/// <param name="Payloads">Large values stored once and referenced.</param>
/// <param name="PayloadBytes">Bytes of those values.</param>
/// <param name="PendingMessages">Messages waiting in its inbox.</param>
/// <param name="PendingActivities">Activities queued for it.</param>
/// <param name="LeaseOwner">The worker holding the lease that ends last among the instance's and its activities' leases
/// (held or expired but not released: a worker that was killed), or <see langword="null"/> when none is held.</param>
/// <param name="LeasedUntil">When that lease ends (the store's clock), unless renewed.</param>
public sealed record StoreDiagnostics(
    int HistoryEvents, long HistoryBytes, int Payloads, long PayloadBytes, int PendingMessages, int PendingActivities,
    string? LeaseOwner = null, DateTimeOffset? LeasedUntil = null);
