namespace Nexus.Durable.Storage;

/// <summary>What a committed checkpoint hands back to its caller.</summary>
public sealed record CheckpointResult
{
    /// <summary>A result with nothing locked.</summary>
    public static CheckpointResult Empty { get; } = new();

    /// <summary>The checkpoint's activities the store inserted already locked for
    /// <see cref="OrchestrationCheckpoint.LockActivities"/> (eager dispatch), in the order they were requested.</summary>
    public IReadOnlyList<ActivityWorkItem> LockedActivities { get; init; } = [];
}
