namespace Nexus.Durable.Storage;

/// <summary>Which work to lock, for whom and for how long.</summary>
/// <param name="Owner">The worker's unique id.</param>
/// <param name="MaxItems">At most this many items.</param>
/// <param name="LeaseDuration">The lease length.</param>
/// <param name="Kind">For instance work: orchestrations or entities.</param>
public sealed record LockRequest(string Owner, int MaxItems, TimeSpan LeaseDuration, InstanceKind Kind = InstanceKind.Orchestration);
