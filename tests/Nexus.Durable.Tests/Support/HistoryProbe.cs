using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Nexus.Durable.Tests.Client;

namespace Nexus.Durable.Tests.Support;

/// <summary>Waits, on the store's change notifications, until an instance's history holds some event (the orchestration
/// reached a point).</summary>
internal static class HistoryProbe
{
    public static Task<IReadOnlyList<HistoryEvent>> WaitForCountAsync(
        IDurableStore store, string instanceId, EventKind kind, int count, CancellationToken cancellationToken) =>
        StoreWait.UntilHistoryAsync(store, instanceId, h => h.Count(e => e.Kind == kind) >= count, $"{instanceId} has {count} × {kind}", cancellationToken);
}
