namespace Nexus.Durable;

/// <summary>The root of the engine's exceptions.</summary>
public class DurableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DurableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DurableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DurableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
