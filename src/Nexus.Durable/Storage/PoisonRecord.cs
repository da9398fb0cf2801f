namespace Nexus.Durable.Storage;

/// <summary>A work item parked as poison.</summary>
/// <param name="InstanceId">The instance it belonged to.</param>
/// <param name="WorkType">"orchestration", "entity" or "activity".</param>
/// <param name="Name">The activity, orchestration or entity name.</param>
/// <param name="DequeueCount">How many times it was taken.</param>
/// <param name="Reason">Why it was parked.</param>
/// <param name="ParkedAt">When.</param>
public sealed record PoisonRecord(string InstanceId, string WorkType, string Name, int DequeueCount, string Reason, DateTimeOffset ParkedAt);
