namespace Nexus.Durable.Orchestrations;

/// <summary>How a failed activity or sub-orchestration is retried (with durable timers between attempts).</summary>
/// <remarks>Delay before attempt n+1 = min(<see cref="FirstRetryInterval"/> × <see cref="BackoffCoefficient"/>^(n-1), <see cref="MaxRetryInterval"/>).</remarks>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first (≥ 1).</param>
    /// <param name="firstRetryInterval">Delay before the second attempt (&gt; 0).</param>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Delay before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the delay after each attempt. Default 1 (constant delay).</summary>
    public double BackoffCoefficient { get; init; } = 1.0;

    /// <summary>Upper bound of a single delay. Default 1 hour.</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Failures of these exception types (matched by full name) are not retried.</summary>
    public IReadOnlyList<Type> NonRetryableExceptionTypes { get; init; } = [];

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
    public TimeSpan GetDelay(int nextAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextAttempt, 2);
        var factor = Math.Pow(BackoffCoefficient, nextAttempt - 2);
        var ticks = FirstRetryInterval.Ticks * factor;
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
