namespace Nexus.Durable.Storage;

/// <summary>Storage figures of one instance (for tests and operators).</summary>
/// <param name="HistoryEvents">Events in its history.</param>
/// <param name="HistoryBytes">Bytes of event data stored inline in the history.</param>
/// <param name="Payloads">Large values stored once and referenced.</param>
/// <param name="PayloadBytes">Bytes of those values.</param>
/// <param name="PendingMessages">Messages waiting in its inbox.</param>
/// <param name="PendingActivities">Activities queued for it.</param>
public sealed record StoreDiagnostics(int HistoryEvents, long HistoryBytes, int Payloads, long PayloadBytes, int PendingMessages, int PendingActivities);
