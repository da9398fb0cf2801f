namespace Nexus.Durable.Storage;

/// <summary>The result of a lock request: the items, and when the earliest not-yet-visible message becomes visible.</summary>
/// <typeparam name="T">The work item type.</typeparam>
/// <param name="Items">The locked items (possibly none).</param>
/// <param name="NextVisibleAt">When no items were returned: the earliest future delivery time (a durable timer), if any.</param>
public sealed record WorkBatch<T>(IReadOnlyList<T> Items, DateTimeOffset? NextVisibleAt = null);
