namespace Nexus.Server.Queue;

/// <summary>A leased message.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="Priority">0 (low) … 3 (critical).</param>
/// <param name="Body">The task assignment JSON as received.</param>
/// <param name="Attempts">Dequeues so far, this one included.</param>
/// <param name="ProjectId">The project assigned by an earlier attempt, if any.</param>
/// <param name="LeaseToken">Proves the lease.</param>
internal sealed record QueuedSubmission(string MessageId, int Priority, string Body, int Attempts, string? ProjectId, string LeaseToken);
