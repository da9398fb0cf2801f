namespace Nexus.Agents.Tests.Backends;

/// <summary>
/// A clock whose short timers (below <see cref="FireAtOnceBelow"/>: retry backoff) fire at once and are recorded, and whose
/// long timers (turn time limits) never fire, so retry tests take no wall time and can assert the delays.
/// </summary>
internal sealed class InstantRetryTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _delays = [];
    private readonly List<(TimerCallback Callback, object? State)> _held = [];

    public TimeSpan FireAtOnceBelow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Timers of exactly this due time are held until <see cref="FireHeld"/> (to time a turn limit against a server event).</summary>
    public TimeSpan? Hold { get; init; }

    public void FireHeld()
    {
        (TimerCallback Callback, object? State)[] held;
        lock (_delays)
        {
            held = _held.ToArray();
            _held.Clear();
        }

        foreach (var (callback, state) in held)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
        }
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return _delays.ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Hold)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
                _held.Add((callback, state));
            }
        }
        else if (dueTime != Timeout.InfiniteTimeSpan && dueTime < FireAtOnceBelow)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
        }

        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
