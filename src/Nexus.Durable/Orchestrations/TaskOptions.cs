namespace Nexus.Durable.Orchestrations;

/// <summary>Options of an activity call.</summary>
public sealed record TaskOptions
{
    /// <summary>Retries on failure; <see langword="null"/>: no retry.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Each attempt fails with a <see cref="TimeoutException"/> if it takes longer (a durable timer; the activity
    /// itself is not stopped). <see langword="null"/>: no timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Options with a retry policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new() { Retry = policy };
}
