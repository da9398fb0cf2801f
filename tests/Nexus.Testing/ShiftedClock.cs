namespace Nexus.Testing;

/// <summary>The system clock moved forward by an offset the test sets: a real host lives through days in a moment.</summary>
/// <remarks>Only "now" (<see cref="GetUtcNow"/>) jumps; timestamps and timers stay the system's, so leases, polls and
/// delays run as they do in production. Thread-safe.</remarks>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far ahead of the system clock this clock is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward by <paramref name="span"/>.</summary>
    public void Advance(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, span.Ticks);
    }
}
