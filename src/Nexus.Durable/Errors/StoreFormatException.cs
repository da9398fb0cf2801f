namespace Nexus.Durable;

/// <summary>The store holds data this build cannot read correctly (for example running orchestrations written by
/// NEXUS's retired replay engine); the message says what to do. Nothing was changed.</summary>
public sealed class StoreFormatException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public StoreFormatException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public StoreFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public StoreFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
