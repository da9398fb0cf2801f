namespace Nexus.Durable.Storage;

/// <summary>The answer to a lease renewal.</summary>
public enum LeaseStatus
{
    /// <summary>Still ours, extended.</summary>
    Renewed = 0,

    /// <summary>Not ours any more (expired and taken, or the work is gone).</summary>
    Lost = 1,

    /// <summary>Still ours, but the orchestration that scheduled the activity has ended (terminated, failed, purged):
    /// the activity should stop.</summary>
    InstanceEnded = 2,
}
