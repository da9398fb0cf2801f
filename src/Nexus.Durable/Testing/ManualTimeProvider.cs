namespace Nexus.Durable.Testing;

/// <summary>A clock that only moves when told to: durable timers, retry backoff and leases without sleeping.</summary>
/// <remarks>
/// Timers created through <see cref="CreateTimer"/> (and so <c>Task.Delay(span, provider)</c>) fire when
/// <see cref="Advance"/> or <see cref="SetUtcNow"/> moves the clock past their due time. Thread-safe.
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    /// <summary>Creates a clock starting at <paramref name="start"/> (default 2026-01-01T00:00:00Z).</summary>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward and fires the timers that became due, in due order.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        SetUtcNow(GetUtcNow() + delta);
    }

    /// <summary>Sets the clock (never backwards) and fires the timers that became due.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                if (value < _now)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), "The clock cannot go backwards.");
                }

                due = _timers.Where(t => t.DueAt <= value).OrderBy(t => t.DueAt).FirstOrDefault();
                if (due is null)
                {
                    _now = value;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt;
                }

                due.Rearm();
            }

            due.Fire();
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>How many timers are waiting (a test can wait until the code under test has armed its timer).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; private set; }

        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueAt = owner._now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                owner._timers.Add(this);
            }

            if (dueTime <= TimeSpan.Zero)
            {
                lock (owner._gate)
                {
                    Rearm();
                }

                Fire();
            }

            return true;
        }

        // Called under the owner's lock when the timer fires: re-schedules periodic timers, removes one-shot ones.
        public void Rearm()
        {
            owner._timers.Remove(this);
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                DueAt += _period;
                owner._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
