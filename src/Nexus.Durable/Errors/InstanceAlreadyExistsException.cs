namespace Nexus.Durable;

/// <summary>An instance with this id exists and may not be replaced: it is Pending, Running or Suspended, or the start
/// asked for a new id only (<see cref="Storage.NewInstance.ReuseFinishedId"/> off) and it exists in any state.</summary>
public sealed class InstanceAlreadyExistsException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public InstanceAlreadyExistsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InstanceAlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InstanceAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id that exists, when the thrower knows it.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The status of the existing instance, when the thrower knows it (it may have been purged since).</summary>
    public OrchestrationRuntimeStatus? RuntimeStatus { get; init; }

    /// <summary>The exception for <paramref name="instanceId"/> found with <paramref name="status"/> (<see langword="null"/>:
    /// it was gone again when its status was read): the message says that it exists and its status.</summary>
    public static InstanceAlreadyExistsException For(string instanceId, OrchestrationRuntimeStatus? status)
    {
        var message = status switch
        {
            null => $"Instance '{instanceId}' already exists.",
            { } s when s.IsActive() => $"Instance '{instanceId}' already exists and is {s}; it cannot be started again until it finishes.",
            { } s => $"Instance '{instanceId}' already exists and is {s}; it is not replaced by a start that asks for a new id.",
        };
        return new InstanceAlreadyExistsException(message) { InstanceId = instanceId, RuntimeStatus = status };
    }
}
