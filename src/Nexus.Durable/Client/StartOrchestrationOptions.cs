namespace Nexus.Durable.Client;

/// <summary>Options of a new orchestration instance.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance id; default a new GUID (32 hex digits).</summary>
    public string? InstanceId { get; init; }

    /// <summary>Whether a finished (Completed, Failed, Terminated) instance with the id is replaced — its history, inbox
    /// and output deleted — as Durable Functions does. Default <see langword="true"/>. <see langword="false"/>: the start is
    /// refused with <see cref="InstanceAlreadyExistsException"/> when the id exists in any state, atomically (of two
    /// concurrent starts of a new id, one wins), and nothing of the existing instance changes.</summary>
    public bool ReuseFinishedId { get; init; } = true;
}
