using Nexus.Durable.History;

namespace Nexus.Durable.InMemory;

/// <summary>A message in an in-memory inbox.</summary>
internal sealed record InboxEntry(long Sequence, HistoryEvent Event, string? ExecutionId, DateTimeOffset VisibleAt);
