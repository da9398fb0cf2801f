using Nexus.Durable;
using Nexus.Durable.Client;

namespace Nexus.Benchmarks.Engine;

/// <summary>Waits for an instance to finish: through <see cref="DurableClient.WaitForInstanceCompletionAsync"/> ("client"),
/// or ("notify") by joining the store's change notification BEFORE reading the status, so a change between the read and
/// the wait cannot be missed and no backoff applies.</summary>
internal static class CompletionWaiter
{
    private static readonly TimeSpan NotifyMaxWait = TimeSpan.FromSeconds(1);

    public static async Task<OrchestrationMetadata> WaitAsync(DurableClient client, string instanceId, string mode, CancellationToken cancellationToken)
    {
        if (mode == "client")
        {
            return await client.WaitForInstanceCompletionAsync(instanceId, getHistory: false, cancellationToken);
        }

        while (true)
        {
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var change = client.Store.WaitForInstanceChangeAsync(instanceId, NotifyMaxWait, stopWaiting.Token).AsTask();
            var status = await client.GetInstanceAsync(instanceId, getHistory: false, cancellationToken)
                ?? throw new InstanceNotFoundException($"No instance '{instanceId}'.");
            if (status.IsCompleted)
            {
                await stopWaiting.CancelAsync();
                try
                {
                    await change;
                }
                catch (OperationCanceledException)
                {
                }

                return status;
            }

            await change;
        }
    }
}
