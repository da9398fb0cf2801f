using Nexus.Durable.History;

namespace Nexus.Durable.Worker;

/// <summary>An orchestration that this worker just brought to an end (its checkpoint committed): what a host needs to
/// report it (a trace span, a metric).</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Name">The orchestration's name.</param>
/// <param name="Status">Completed, Failed or Terminated.</param>
/// <param name="CreatedTime">When the instance was created.</param>
/// <param name="EndedTime">When it ended (the episode's time).</param>
/// <param name="CustomStatus">Its last custom status (JSON), if any.</param>
/// <param name="Failure">Why it failed, if it did.</param>
public sealed record EndedInstance(
    string InstanceId, string Name, OrchestrationRuntimeStatus Status, DateTimeOffset CreatedTime, DateTimeOffset EndedTime, string? CustomStatus, FailureDetails? Failure);
