namespace Nexus.Agents.Tests.Backends;

/// <summary>
/// A clock whose short timers (below <see cref="FireAtOnceBelow"/>: retry backoff) fire at once and are recorded, and whose
/// long timers (turn time limits) never fire, so retry tests take no wall time and can assert the delays.
/// </summary>
internal sealed class InstantRetryTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _delays = [];

    public TimeSpan FireAtOnceBelow { get; init; } = TimeSpan.FromMinutes(5);

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
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime < FireAtOnceBelow)
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
