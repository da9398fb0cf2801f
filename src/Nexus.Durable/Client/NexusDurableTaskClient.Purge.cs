using Microsoft.DurableTask.Client;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Client;

public sealed partial class NexusDurableTaskClient
{
    /// <summary>Deletes a finished orchestration instance with its history, inbox and payloads.</summary>
    /// <remarks>
    /// <para>Returns a count of 0 when there is no such orchestration (entities are never purged by this client: the store
    /// keeps them). With <see cref="PurgeInstanceOptions.Recursive"/>, the finished sub-orchestrations its current
    /// execution started (and theirs) are purged too and counted; active ones are kept.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="instanceId"/> is null or empty.</exception>
    /// <exception cref="InvalidOperationException">The instance is still Pending, Running or Suspended.</exception>
    public override async Task<PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var record = await _store.GetInstanceAsync(instanceId, cancellation).ConfigureAwait(false);
        if (record is not { Kind: InstanceKind.Orchestration })
        {
            return new PurgeResult(0);
        }

        if (record.RuntimeStatus.IsActive())
        {
            throw new InvalidOperationException(
                $"Only orchestrations in a terminal state can be purged, but instance '{instanceId}' is {RuntimeStatusMap.ToSdk(record.RuntimeStatus)}.");
        }

        // The children are found in the parent's history, so they are collected before anything is deleted.
        var children = options?.Recursive == true ? await CollectDescendantsAsync(instanceId, cancellation).ConfigureAwait(false) : [];
        var count = await _store.PurgeInstanceAsync(instanceId, cancellation).ConfigureAwait(false);
        foreach (var child in children)
        {
            count += await _store.PurgeInstanceAsync(child, cancellation).ConfigureAwait(false);
        }

        return new PurgeResult(count);
    }

    /// <summary>Deletes the finished orchestration instances that match <paramref name="filter"/> (active instances and
    /// entities are never purged). Returns how many, with <see cref="PurgeResult.IsComplete"/> <see langword="true"/>.</summary>
    /// <remarks>
    /// <para><see cref="PurgeInstancesFilter.CreatedFrom"/> is inclusive, <see cref="PurgeInstancesFilter.CreatedTo"/>
    /// exclusive; no statuses (or an empty list) means every finished status. The store purges in one step, so
    /// <see cref="PurgeInstancesFilter.Timeout"/> never cuts it short.</para>
    /// <para>With <see cref="PurgeInstanceOptions.Recursive"/>, the finished sub-orchestrations of the matching instances
    /// (found in their histories) are purged and counted too, whether or not they match the filter themselves.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PurgeInstancesFilter.Timeout"/> is not positive.</exception>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(filter), timeout, "PurgeInstancesFilter.Timeout must be positive.");
        }

        var purge = new PurgeFilter
        {
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = filter.CreatedTo,
            RuntimeStatus = RuntimeStatusMap.ToEngine(filter.Statuses),
        };
        var children = options?.Recursive == true ? await CollectChildrenOfMatchesAsync(purge, cancellation).ConfigureAwait(false) : [];
        var count = await _store.PurgeInstancesAsync(purge, cancellation).ConfigureAwait(false);
        foreach (var child in children)
        {
            count += await _store.PurgeInstanceAsync(child, cancellation).ConfigureAwait(false);
        }

        return new PurgeResult(count, isComplete: true);
    }

    private async Task<List<string>> CollectChildrenOfMatchesAsync(PurgeFilter purge, CancellationToken cancellationToken)
    {
        var statuses = purge.RuntimeStatus.Count == 0
            ? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled]
            : purge.RuntimeStatus.Where(s => s.IsTerminal()).ToArray();
        var children = new List<string>();
        if (statuses.Length == 0)
        {
            return children;
        }

        string? token = null;
        do
        {
            var page = await _store.QueryInstancesAsync(
                new InstanceQuery { RuntimeStatus = statuses, CreatedFrom = purge.CreatedFrom, CreatedTo = purge.CreatedTo, PageSize = 1000, ContinuationToken = token },
                cancellationToken).ConfigureAwait(false);
            foreach (var match in page.Instances)
            {
                children.AddRange(await CollectDescendantsAsync(match.InstanceId, cancellationToken).ConfigureAwait(false));
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return children;
    }
}
