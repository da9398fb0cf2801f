using System.Diagnostics;
using Microsoft.DurableTask.Client;

namespace Nexus.Compatibility.Backends;

/// <summary>Awaits an instance's state by polling <see cref="DurableTaskClient.GetInstanceAsync(string, bool, CancellationToken)"/>.</summary>
/// <remarks>
/// Why a poll: Microsoft's sidecar cannot push a state change to its client — its own WaitForInstanceCompletion RPC
/// polls Azure Storage every 2 s (DurableTask.AzureStorage's <c>WaitForOrchestrationAsync</c>), so a short, bounded
/// status poll is the prompt way to await a state there, and it works unchanged on every backend. Each wait is bounded
/// by <see cref="DefaultTimeout"/> and fails with the last state it saw.
/// </remarks>
public static class InstancePolling
{
    /// <summary>The pause between two reads: one gRPC call and one table read per poll on the Microsoft stack.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a wait lasts before it fails (30 s: generous for 2 shared cores, far beyond any scenario).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the instance is Completed, Failed or Terminated and returns it with inputs and outputs.</summary>
    public static Task<OrchestrationMetadata> WaitForCompletionAsync(
        this DurableTaskClient client, string instanceId, CancellationToken cancellationToken = default) =>
        client.WaitUntilAsync(instanceId, m => m.IsCompleted, "completed", DefaultTimeout, cancellationToken);

    /// <summary>Waits until the instance has <paramref name="status"/>.</summary>
    public static Task<OrchestrationMetadata> WaitForStatusAsync(
        this DurableTaskClient client, string instanceId, OrchestrationRuntimeStatus status, CancellationToken cancellationToken = default) =>
        client.WaitUntilAsync(instanceId, m => m.RuntimeStatus == status, status.ToString(), DefaultTimeout, cancellationToken);

    /// <summary>Waits until the instance exists and satisfies <paramref name="condition"/>; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task<OrchestrationMetadata> WaitUntilAsync(
        this DurableTaskClient client,
        string instanceId,
        Func<OrchestrationMetadata, bool> condition,
        string description,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(condition);
        long started = Stopwatch.GetTimestamp();
        using var ticks = new PeriodicTimer(Interval);
        while (true)
        {
            OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(
                    $"Instance '{instanceId}' was not {description} after {timeout.TotalSeconds:0} s; " +
                    $"last seen: {instance?.RuntimeStatus.ToString() ?? "not found"}.");
            }

            await ticks.WaitForNextTickAsync(cancellationToken);
        }
    }
}
