namespace Nexus.Durable.Orchestrations;

/// <summary>Options of a sub-orchestration call.</summary>
public sealed record SubOrchestrationOptions
{
    /// <summary>The child's instance id. Default <c>{parentId}:{taskId}</c> (deterministic).</summary>
    public string? InstanceId { get; init; }

    /// <summary>Retries on failure (each retry starts a new child with a new id).</summary>
    public RetryPolicy? Retry { get; init; }
}
