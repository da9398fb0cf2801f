namespace Nexus.Durable.Storage;

/// <summary>An activity to run, enqueued by a checkpoint.</summary>
/// <param name="InstanceId">The orchestration that scheduled it.</param>
/// <param name="ExecutionId">Its execution.</param>
/// <param name="TaskId">The task id its completion event names.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Input">The input (JSON).</param>
public sealed record ActivityRequest(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input);
