namespace Nexus.Durable;

/// <summary>The instance is still Pending, Running or Suspended, so it cannot be purged.</summary>
public sealed class InstanceStillActiveException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public InstanceStillActiveException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InstanceStillActiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InstanceStillActiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
