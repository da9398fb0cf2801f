namespace Nexus.Durable.Internal;

/// <summary>A wake-up signal: <see cref="WaitAsync"/> completes at the next <see cref="Set"/> or after a timeout.</summary>
/// <remarks>A <see cref="Set"/> with no waiter is remembered once, so a wake-up between a poll and the wait is not lost.</remarks>
internal sealed class AsyncSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _waiters = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _pending;

    public void Set()
    {
        TaskCompletionSource toRelease;
        lock (_gate)
        {
            toRelease = _waiters;
            _waiters = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending = true;
        }

        toRelease.TrySetResult();
    }

    public async ValueTask WaitAsync(TimeSpan maxWait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Task waiter;
        lock (_gate)
        {
            if (_pending)
            {
                _pending = false;
                return;
            }

            waiter = _waiters.Task;
        }

        if (maxWait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(maxWait, timeProvider, timeout.Token);
        var first = await Task.WhenAny(waiter, delay).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (first == waiter)
            {
                _pending = false;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
