namespace Nexus.Durable;

/// <summary>An instance with this id exists and is Pending, Running or Suspended.</summary>
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
}
