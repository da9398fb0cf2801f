namespace Nexus.Durable;

/// <summary>The instance has already finished (Completed, Failed or Terminated), so it cannot take this operation.</summary>
public sealed class InstanceNotActiveException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public InstanceNotActiveException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InstanceNotActiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InstanceNotActiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
