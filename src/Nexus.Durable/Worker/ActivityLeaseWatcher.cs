using Nexus.Durable.Storage;

namespace Nexus.Durable.Worker;

/// <summary>While a long activity runs: renews its lease, and cancels it when the lease is lost or its orchestration ended.</summary>
/// <remarks>Wakes every <see cref="DurableWorkerOptions.LeaseRenewalInterval"/>, or at once when the store reports a
/// change of the orchestration (a terminate in this process is seen immediately).</remarks>
internal sealed class ActivityLeaseWatcher(IDurableStore store, ActivityWorkItem item, DurableWorkerOptions options, CancellationTokenSource activityCancel)
    : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _started;

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0 && !_stop.IsCancellationRequested)
        {
            _loop = Task.Run(LoopAsync);
        }
    }

    public async Task StopAsync()
    {
        Interlocked.Exchange(ref _started, 1);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            LeaseStatus status;
            try
            {
                status = await store.RenewActivityLeaseAsync(item, options.LeaseDuration, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception)
            {
                status = LeaseStatus.Renewed; // A transient store error: try again at the next tick.
            }

            if (status != LeaseStatus.Renewed)
            {
                await activityCancel.CancelAsync().ConfigureAwait(false);
                return;
            }

            await store.WaitForInstanceChangeAsync(item.Request.InstanceId, options.LeaseRenewalInterval, token).ConfigureAwait(false);
        }
    }
}
