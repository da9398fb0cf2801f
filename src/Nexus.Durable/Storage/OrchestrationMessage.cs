using Nexus.Durable.History;

namespace Nexus.Durable.Storage;

/// <summary>An event on its way to an instance's inbox.</summary>
/// <param name="InstanceId">The target instance (entities: <c>@name@key</c>; an entity row is created when missing).</param>
/// <param name="Event">The event.</param>
/// <param name="ExecutionId">The execution it belongs to; events for another execution are dropped by the engine. <see langword="null"/>: any.</param>
/// <param name="VisibleAt">When it may be delivered (durable timers); <see langword="null"/>: now.</param>
public sealed record OrchestrationMessage(
    string InstanceId,
    HistoryEvent Event,
    string? ExecutionId = null,
    DateTimeOffset? VisibleAt = null);
