namespace Nexus.Durable.Client;

/// <summary>Options of a new orchestration instance.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance id; default a new GUID (32 hex digits).</summary>
    public string? InstanceId { get; init; }
}
