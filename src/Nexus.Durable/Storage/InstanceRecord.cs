using Nexus.Durable.History;

namespace Nexus.Durable.Storage;

/// <summary>An instance as a store keeps it (payloads already resolved).</summary>
public sealed record InstanceRecord
{
    /// <summary>The instance id (entities: <c>@name@key</c>).</summary>
    public required string InstanceId { get; init; }

    /// <summary>Orchestration or entity.</summary>
    public InstanceKind Kind { get; init; }

    /// <summary>The orchestration or entity name.</summary>
    public required string Name { get; init; }

    /// <summary>The current execution id (changes on continue-as-new and on re-creation).</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>The input (JSON).</summary>
    public string? Input { get; init; }

    /// <summary>The output (JSON). For entities: the serialized state.</summary>
    public string? Output { get; init; }

    /// <summary>The custom status (JSON).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The failure of a Failed instance.</summary>
    public FailureDetails? Failure { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>When the instance reached a terminal status.</summary>
    public DateTimeOffset? CompletedTime { get; init; }

    /// <summary>The parent of a sub-orchestration.</summary>
    public ParentInstance? Parent { get; init; }
}
