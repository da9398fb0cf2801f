namespace Nexus.Durable.History;

/// <summary>The orchestration that started a sub-orchestration, and the task id it waits on.</summary>
public sealed record ParentInstance(string InstanceId, string? ExecutionId, int TaskId);
