namespace Nexus.Durable;

/// <summary>An orchestration, activity or entity name that is not registered.</summary>
public sealed class UnknownFunctionException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public UnknownFunctionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnknownFunctionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public UnknownFunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
