using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Worker;

/// <summary>A polling loop that locks up to its free capacity of work items and runs each without waiting for the others.</summary>
/// <remarks>Idle polling backs off from the minimum to the maximum interval; a store notification or the next timer's
/// due time wakes it earlier.</remarks>
internal abstract class WorkDispatcher<T>(WorkKind kind, int concurrency, IDurableStore store, DurableWorkerOptions options, ILogger logger)
    : IDisposable
    where T : notnull
{
    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);
    private readonly ConcurrentDictionary<T, Task> _running = new();
    private volatile bool _stopping;

    protected IDurableStore Store { get; } = store;

    protected DurableWorkerOptions Options { get; } = options;

    protected ILogger Logger { get; } = logger;

    public int RunningCount => _running.Count;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var stopRegistration = stopping.Register(static s => ((WorkDispatcher<T>)s!)._stopping = true, this);
        var backoff = Options.MinPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            var free = 0;
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                free = 1;
                while (free < concurrency && _slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                var batch = await LockAsync(free, stopping).ConfigureAwait(false);
                var unused = free - batch.Items.Count;
                free = 0;
                if (unused > 0)
                {
                    _slots.Release(unused);
                }
                if (batch.Items.Count > 0)
                {
                    backoff = Options.MinPollingInterval;
                    foreach (var item in batch.Items)
                    {
                        Start(item);
                    }

                    // A full batch may mean more is waiting: poll again at once. A partial batch took everything that was
                    // visible, so wait for a wake-up instead of an empty poll (a notification sent meanwhile is kept).
                    if (unused == 0)
                    {
                        continue;
                    }

                    await Store.WaitForWorkAsync(kind, Options.MinPollingInterval, stopping).ConfigureAwait(false);
                    continue;
                }

                var wait = backoff;
                if (batch.NextVisibleAt is { } next)
                {
                    var untilNext = next - Options.TimeProvider.GetUtcNow();
                    wait = untilNext < wait ? (untilNext > TimeSpan.Zero ? untilNext : TimeSpan.Zero) : wait;
                }

                await Store.WaitForWorkAsync(kind, wait, stopping).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, Options.MaxPollingInterval.Ticks));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                if (free > 0)
                {
                    _slots.Release(free);
                }

                break;
            }
            catch (Exception e)
            {
                if (free > 0)
                {
                    _slots.Release(free);
                }

                WorkerLog.PollFailed(Logger, e, kind.ToString());
                try
                {
                    await Task.Delay(backoff, Options.TimeProvider, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, Options.MaxPollingInterval.Ticks));
            }
        }
    }

    /// <summary>Takes up to <paramref name="count"/> free slots without waiting (for work another dispatcher's store call
    /// may hand over: eager dispatch). Returns how many it took; each must be used by <see cref="StartReserved"/> or given
    /// back by <see cref="ReleaseReserved"/>. Takes none once the worker is stopping.</summary>
    public int TryReserve(int count)
    {
        var taken = 0;
        while (taken < count && !_stopping && _slots.Wait(0, CancellationToken.None))
        {
            taken++;
        }

        return taken;
    }

    /// <summary>Gives back reserved slots that were not used.</summary>
    public void ReleaseReserved(int count)
    {
        if (count > 0)
        {
            _slots.Release(count);
        }
    }

    /// <summary>Runs an item that was locked for this dispatcher elsewhere, in a slot taken by <see cref="TryReserve"/>.</summary>
    public void StartReserved(T item) => Start(item);

    /// <summary>Waits for the running items (up to <paramref name="timeout"/>).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var all = Task.WhenAll(_running.Values);
        await Task.WhenAny(all, Task.Delay(timeout, Options.TimeProvider)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => _slots.Dispose();

    /// <summary>Waits for the running items, however long.</summary>
    public Task WaitAllAsync() => Task.WhenAll(_running.Values);

    protected abstract ValueTask<WorkBatch<T>> LockAsync(int maxItems, CancellationToken cancellationToken);

    protected abstract Task ProcessAsync(T item);

    private void Start(T item)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await ProcessAsync(item).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        });
        _running[item] = task;
        _ = task.ContinueWith(static (_, state) => ((Action)state!)(), (Action)(() => _running.TryRemove(item, out _)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
