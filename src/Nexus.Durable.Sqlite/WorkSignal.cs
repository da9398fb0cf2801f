namespace Nexus.Durable.Sqlite;

/// <summary>An in-process wake-up for one kind of work: wakes every current waiter, and is remembered when nobody waits
/// (so work that arrives between a worker's poll and its wait is not missed; at most one spurious wake-up).</summary>
internal sealed class WorkSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _waiters;
    private int _waiterCount;
    private bool _pending;

    /// <summary>Joins the waiters; returns a completed task when a signal is pending.</summary>
    public Task Join(out TaskCompletionSource? registration)
    {
        lock (_gate)
        {
            if (_pending)
            {
                _pending = false;
                registration = null;
                return Task.CompletedTask;
            }

            _waiterCount++;
            registration = _waiters ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return registration.Task;
        }
    }

    /// <summary>Leaves after a timeout or cancellation.</summary>
    public void Leave(TaskCompletionSource? registration)
    {
        lock (_gate)
        {
            if (registration is not null && ReferenceEquals(registration, _waiters) && --_waiterCount == 0)
            {
                _waiters = null;
            }
        }
    }

    public void Set()
    {
        TaskCompletionSource? waiters;
        lock (_gate)
        {
            waiters = _waiters;
            _waiters = null;
            _waiterCount = 0;
            if (waiters is null)
            {
                _pending = true;
            }
        }

        waiters?.TrySetResult();
    }
}
