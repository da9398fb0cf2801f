namespace Nexus.Durable;

/// <summary>No instance has this id.</summary>
public sealed class InstanceNotFoundException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public InstanceNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InstanceNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InstanceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
