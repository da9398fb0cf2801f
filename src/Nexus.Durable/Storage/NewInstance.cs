using Nexus.Durable.History;

namespace Nexus.Durable.Storage;

/// <summary>An instance to create: its row (Pending) and its <see cref="EventKind.ExecutionStarted"/> message.</summary>
public sealed record NewInstance
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestration name.</summary>
    public required string Name { get; init; }

    /// <summary>The first execution's id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The input (JSON).</summary>
    public string? Input { get; init; }

    /// <summary>Creation time (the store's clock when <see langword="default"/>).</summary>
    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the first episode may run (delayed start); <see langword="null"/> for now.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>The parent of a sub-orchestration.</summary>
    public ParentInstance? Parent { get; init; }

    /// <summary>Whether a terminal instance with the id is replaced (default <see langword="true"/>, the Durable
    /// semantics). <see langword="false"/>: <see cref="IDurableStore.CreateInstanceAsync"/> refuses any existing id.</summary>
    public bool ReuseFinishedId { get; init; } = true;
}
