using System.Collections.Concurrent;

namespace Nexus.Durable.Internal;

/// <summary>Per-key wake-ups (instance status changes), created on demand and dropped when nobody waits.</summary>
internal sealed class KeyedSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    public void Set(string key)
    {
        if (_waiters.TryRemove(key, out var tcs))
        {
            tcs.TrySetResult();
        }
    }

    public async ValueTask WaitAsync(string key, TimeSpan maxWait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var tcs = _waiters.GetOrAdd(key, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(maxWait, timeProvider, timeout.Token);
        await Task.WhenAny(tcs.Task, delay).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
