using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Tests.Client;

/// <summary>Waits for an instance to reach a state on the store's own change notifications (no sleeping).</summary>
internal static class StoreWait
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);

    public static Task<InstanceRecord?> UntilAsync(
        IDurableStore store, string instanceId, Func<InstanceRecord?, bool> condition, string what, CancellationToken cancellationToken) =>
        UntilCoreAsync(store, instanceId, async ct => await store.GetInstanceAsync(instanceId, ct), condition, what, s_deadline, cancellationToken);

    public static Task<IReadOnlyList<HistoryEvent>> UntilHistoryAsync(
        IDurableStore store, string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, string what, CancellationToken cancellationToken) =>
        UntilHistoryAsync(store, instanceId, condition, what, s_deadline, cancellationToken);

    public static Task<IReadOnlyList<HistoryEvent>> UntilHistoryAsync(
        IDurableStore store, string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken) =>
        UntilCoreAsync(store, instanceId, async ct => await store.GetHistoryAsync(instanceId, ct), condition, what, timeout, cancellationToken);

    private static async Task<T> UntilCoreAsync<T>(
        IDurableStore store,
        string instanceId,
        Func<CancellationToken, Task<T>> read,
        Func<T, bool> condition,
        string what,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var changed = store.WaitForInstanceChangeAsync(instanceId, TimeSpan.FromMilliseconds(200), deadline.Token).AsTask();
                var value = await read(deadline.Token);
                if (condition(value))
                {
                    return value;
                }

                await changed;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting until {what}.");
        }
    }
}
