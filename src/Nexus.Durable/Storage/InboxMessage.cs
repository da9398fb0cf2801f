using Nexus.Durable.History;

namespace Nexus.Durable.Storage;

/// <summary>A message taken from an instance's inbox with a lock: consumed (deleted) by the checkpoint.</summary>
/// <param name="Sequence">Store-assigned, increasing per store; the delivery order.</param>
/// <param name="Event">The event.</param>
/// <param name="ExecutionId">The execution it was addressed to, or <see langword="null"/> for any.</param>
public sealed record InboxMessage(long Sequence, HistoryEvent Event, string? ExecutionId);
