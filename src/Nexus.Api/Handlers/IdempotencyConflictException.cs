namespace Nexus.Api.Handlers;

/// <summary>An <c>Idempotency-Key</c> was reused with a different request (answered with 422).</summary>
public sealed class IdempotencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IdempotencyConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public IdempotencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public IdempotencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
