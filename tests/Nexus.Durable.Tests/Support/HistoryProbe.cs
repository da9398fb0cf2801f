using Nexus.Durable.Client;
using Nexus.Durable.History;

namespace Nexus.Durable.Tests.Support;

/// <summary>Waits until an instance's history holds some event (the orchestration reached a point).</summary>
internal static class HistoryProbe
{
    public static Task WaitForAsync(DurableClient client, string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, string what, CancellationToken cancellationToken) =>
        Eventually.UntilAsync(
            async () =>
            {
                var status = await client.GetInstanceAsync(instanceId, getHistory: true, cancellationToken);
                return status?.History is { } history && condition(history);
            },
            what,
            cancellationToken: cancellationToken);

    public static Task WaitForCountAsync(DurableClient client, string instanceId, EventKind kind, int count, CancellationToken cancellationToken) =>
        WaitForAsync(client, instanceId, h => h.Count(e => e.Kind == kind) >= count, $"{instanceId} has {count} × {kind}", cancellationToken);
}
