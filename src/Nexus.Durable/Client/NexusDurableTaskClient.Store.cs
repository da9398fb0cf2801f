using Nexus.Durable.History;

namespace Nexus.Durable.Client;

// What NEXUS's own views need beyond the SDK's client surface, answered from the same store.
public sealed partial class NexusDurableTaskClient
{
    /// <summary>The stored history of the instance's current execution, oldest first, in NEXUS's event form (empty when
    /// there is no such instance). Durable-style history views and the resumable event stream read it.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await _store.GetHistoryAsync(instanceId, cancellation).ConfigureAwait(false);
    }

    /// <summary>Completes when the instance may have changed (a store notification), or after <paramref name="maxWait"/>;
    /// live views re-read the instance after it returns.</summary>
    public Task WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return _store.WaitForInstanceChangeAsync(instanceId, maxWait, cancellation).AsTask();
    }
}
