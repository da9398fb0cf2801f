namespace Nexus.Durable.Activities;

/// <summary>What an activity knows about its invocation.</summary>
/// <param name="Name">The activity name.</param>
/// <param name="InstanceId">The orchestration that scheduled it.</param>
/// <param name="TaskId">Its task id in that orchestration's history.</param>
/// <param name="Attempt">1 for the first delivery; higher when a previous delivery was interrupted (worker died, lease lost).</param>
/// <param name="CancellationToken">Fires when the orchestration ended or the worker is shutting down.</param>
public sealed record ActivityContext(string Name, string InstanceId, int TaskId, int Attempt, CancellationToken CancellationToken);
