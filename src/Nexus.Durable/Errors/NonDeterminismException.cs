namespace Nexus.Durable;

/// <summary>Replaying the orchestration code over its history produced a different action than the one recorded.</summary>
public sealed class NonDeterminismException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public NonDeterminismException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NonDeterminismException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NonDeterminismException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
