namespace Nexus.Durable.History;

/// <summary>Why something failed, in a form that survives serialization (exceptions do not).</summary>
/// <param name="ErrorType">The full name of the exception type (or a well-known engine error name).</param>
/// <param name="Message">The message.</param>
/// <param name="StackTrace">The stack trace, when there is one.</param>
/// <param name="Inner">The inner failure.</param>
/// <param name="IsNonRetriable">When <see langword="true"/>, retry policies do not retry this failure.</param>
public sealed record FailureDetails(
    string ErrorType,
    string Message,
    string? StackTrace = null,
    FailureDetails? Inner = null,
    bool IsNonRetriable = false)
{
    /// <summary>Creates failure details from an exception.</summary>
    public static FailureDetails FromException(Exception exception, bool includeStackTrace = true)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new FailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            includeStackTrace ? exception.StackTrace : null,
            exception.InnerException is null ? null : FromException(exception.InnerException, includeStackTrace));
    }

    /// <summary>NEXUS's form of the Durable Task SDK's failure details (with the inner failures); <see langword="null"/> stays
    /// <see langword="null"/>.</summary>
    public static FailureDetails? From(Microsoft.DurableTask.TaskFailureDetails? failure) =>
        failure is null ? null : new FailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, From(failure.InnerFailure));

    /// <summary>Whether the failure was caused by <typeparamref name="T"/> (exact type name match).</summary>
    public bool IsCausedBy<T>()
        where T : Exception => IsCausedBy(typeof(T));

    /// <summary>Whether the failure was caused by <paramref name="exceptionType"/>.</summary>
    public bool IsCausedBy(Type exceptionType)
    {
        ArgumentNullException.ThrowIfNull(exceptionType);
        return string.Equals(ErrorType, exceptionType.FullName, StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {Message}";
}
