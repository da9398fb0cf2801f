using Nexus.Durable.Storage;
using SdkOrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;

namespace Nexus.Durable.Client;

public sealed partial class NexusDurableTaskClient
{
    /// <summary>Waits until the orchestration instance has left Pending (its first episode ran) and returns its metadata;
    /// returns at once when it already has.</summary>
    /// <remarks>Waits on the store's change notifications (<see cref="IDurableStore.WaitForInstanceChangeAsync"/>); a store
    /// without notifications from other processes is re-read at most every second.</remarks>
    /// <exception cref="InvalidOperationException">There is no orchestration instance with the id.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public override Task<SdkOrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, static s => s != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Waits until the orchestration instance has finished (Completed, Failed, Terminated) and returns its
    /// metadata; returns at once when it already has. An eternal orchestration never finishes: bound the wait with
    /// <paramref name="cancellation"/>.</summary>
    /// <inheritdoc cref="WaitForInstanceStartAsync(string, bool, CancellationToken)" path="/remarks"/>
    /// <exception cref="InvalidOperationException">There is no orchestration instance with the id.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public override Task<SdkOrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, static s => s.IsTerminal(), cancellation);

    private async Task<SdkOrchestrationMetadata> WaitUntilAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationRuntimeStatus, bool> reached, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        SdkConversions.EnsureNotEntity(instanceId, nameof(instanceId));
        var maxWait = s_firstWait;
        while (true)
        {
            // Register for the change notification before reading, so a change committed in between is not missed.
            var changed = _store.WaitForInstanceChangeAsync(instanceId, maxWait, cancellationToken).AsTask();
            InstanceRecord? record;
            try
            {
                record = await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Forget(changed);
                throw;
            }

            if (record is not { Kind: InstanceKind.Orchestration })
            {
                Forget(changed);
                throw new InvalidOperationException($"No orchestration instance with id '{instanceId}' exists.");
            }

            if (reached(record.RuntimeStatus))
            {
                Forget(changed);
                return SdkConversions.ToMetadata(record, _converter, getInputsAndOutputs);
            }

            await changed.ConfigureAwait(false);
            maxWait = TimeSpan.FromTicks(Math.Min(maxWait.Ticks * 2, s_longestWait.Ticks));
        }
    }

    // The wait registered before the read is no longer needed; observe its outcome so a cancellation is not unobserved.
    private static void Forget(Task wait) =>
        _ = wait.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
