namespace Nexus.Durable;

/// <summary>The runtime status of an instance (the Durable Functions statuses).</summary>
/// <remarks>The numeric values are persisted by the stores: never renumber.</remarks>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Created; its first episode has not run yet.</summary>
    Pending = 0,

    /// <summary>Started and not finished.</summary>
    Running = 1,

    /// <summary>Finished with an output.</summary>
    Completed = 2,

    /// <summary>Restarted itself with new input (transient; it is Running again right after).</summary>
    ContinuedAsNew = 3,

    /// <summary>Finished with a failure.</summary>
    Failed = 4,

    /// <summary>Cancelled (reserved, as in the core enum).</summary>
    Canceled = 5,

    /// <summary>Stopped by a client.</summary>
    Terminated = 6,

    /// <summary>Paused by a client; events wait until it is resumed.</summary>
    Suspended = 7,
}
