namespace Nexus.Durable;

/// <summary>The worker no longer holds the lease of this work item (it expired and another worker took it, or the item is gone); its result was not recorded.</summary>
public sealed class LeaseLostException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public LeaseLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
