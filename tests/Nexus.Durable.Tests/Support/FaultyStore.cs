using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Tests.Support;

/// <summary>Wraps a real store and makes chosen checkpoint or activity-completion commits fail (fault injection).</summary>
internal sealed class FaultyStore(IDurableStore inner) : IDurableStore
{
    /// <summary>Return true to make this checkpoint fail before it reaches the store.</summary>
    public Func<OrchestrationCheckpoint, bool> FailCheckpoint { get; set; } = _ => false;

    /// <summary>Return true to make this activity completion fail before it reaches the store.</summary>
    public Func<ActivityWorkItem, bool> FailCompletion { get; set; } = _ => false;

    public int FailedCheckpoints;

    public int FailedCompletions;

    public ValueTask<CheckpointResult> CheckpointAsync(OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        if (FailCheckpoint(checkpoint))
        {
            Interlocked.Increment(ref FailedCheckpoints);
            throw new IOException("injected: checkpoint commit failed");
        }

        return inner.CheckpointAsync(checkpoint, cancellationToken);
    }

    public ValueTask CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken = default)
    {
        if (FailCompletion(workItem))
        {
            Interlocked.Increment(ref FailedCompletions);
            throw new IOException("injected: activity completion commit failed");
        }

        return inner.CompleteActivityAsync(workItem, result, cancellationToken);
    }

    public ValueTask<OrchestrationWorkItem?> CompleteActivityAsync(
        ActivityWorkItem workItem, HistoryEvent result, LockRequest? lockInstance, CancellationToken cancellationToken = default)
    {
        if (FailCompletion(workItem))
        {
            Interlocked.Increment(ref FailedCompletions);
            throw new IOException("injected: activity completion commit failed");
        }

        return inner.CompleteActivityAsync(workItem, result, lockInstance, cancellationToken);
    }

    public ValueTask InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public ValueTask CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken = default) => inner.CreateInstanceAsync(instance, cancellationToken);

    public ValueTask<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetInstanceAsync(instanceId, cancellationToken);

    public ValueTask<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(instanceId, cancellationToken);

    public ValueTask<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.QueryInstancesAsync(query, cancellationToken);

    public ValueTask SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default) => inner.SendMessagesAsync(messages, cancellationToken);

    public ValueTask<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public ValueTask<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) => inner.PurgeInstancesAsync(filter, cancellationToken);

    public ValueTask<WorkBatch<OrchestrationWorkItem>> LockInstancesAsync(LockRequest request, CancellationToken cancellationToken = default) => inner.LockInstancesAsync(request, cancellationToken);

    public ValueTask AbandonInstanceAsync(OrchestrationWorkItem workItem, string error, CancellationToken cancellationToken = default) => inner.AbandonInstanceAsync(workItem, error, cancellationToken);

    public ValueTask<LeaseStatus> RenewInstanceLeaseAsync(OrchestrationWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => inner.RenewInstanceLeaseAsync(workItem, leaseDuration, cancellationToken);

    public ValueTask ParkInstanceAsync(OrchestrationWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default) => inner.ParkInstanceAsync(workItem, failure, cancellationToken);

    public ValueTask<WorkBatch<ActivityWorkItem>> LockActivitiesAsync(LockRequest request, CancellationToken cancellationToken = default) => inner.LockActivitiesAsync(request, cancellationToken);

    public ValueTask AbandonActivityAsync(ActivityWorkItem workItem, string error, CancellationToken cancellationToken = default) => inner.AbandonActivityAsync(workItem, error, cancellationToken);

    public ValueTask<LeaseStatus> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => inner.RenewActivityLeaseAsync(workItem, leaseDuration, cancellationToken);

    public ValueTask ParkActivityAsync(ActivityWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default) => inner.ParkActivityAsync(workItem, failure, cancellationToken);

    public ValueTask<IReadOnlyList<PoisonRecord>> GetPoisonAsync(CancellationToken cancellationToken = default) => inner.GetPoisonAsync(cancellationToken);

    public ValueTask<StoreDiagnostics> GetDiagnosticsAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetDiagnosticsAsync(instanceId, cancellationToken);

    public ValueTask WaitForWorkAsync(WorkKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default) => inner.WaitForWorkAsync(kind, maxWait, cancellationToken);

    public ValueTask WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default) => inner.WaitForInstanceChangeAsync(instanceId, maxWait, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
