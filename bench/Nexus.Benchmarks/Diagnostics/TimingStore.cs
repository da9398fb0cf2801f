using System.Collections.Concurrent;
using System.Diagnostics;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Benchmarks.Diagnostics;

/// <summary>A decorating store that times every call, counts lock batch sizes, and times the hand-offs between calls
/// (checkpoint → activity locked, activity completed → instance locked, lock → next store call of the same item).</summary>
/// <remarks>Disposing it does not dispose the inner store (the run's <see cref="Stores.BenchStore"/> owns that).</remarks>
internal sealed class TimingStore(IDurableStore inner) : IDurableStore
{
    private readonly ConcurrentDictionary<object, long> _lockedAt = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(string, int), long> _activityEnqueuedAt = new();
    private readonly ConcurrentDictionary<string, long> _messageSentAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _finishedAt = new(StringComparer.Ordinal);

    public CallStats Stats { get; } = new();

    /// <summary>When the checkpoint that finished <paramref name="instanceId"/> returned (Stopwatch timestamp).</summary>
    public long? FinishedAt(string instanceId) => _finishedAt.TryGetValue(instanceId, out var t) ? t : null;

    public void Reset()
    {
        Stats.Clear();
        _finishedAt.Clear();
    }

    public ValueTask InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public async ValueTask CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.CreateInstanceAsync(instance, cancellationToken);
        Stats.Record(nameof(CreateInstanceAsync), start);
        _messageSentAt[instance.InstanceId] = start;
    }

    public async ValueTask<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.GetInstanceAsync(instanceId, cancellationToken);
        Stats.Record(nameof(GetInstanceAsync), start);
        return result;
    }

    public async ValueTask<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.GetHistoryAsync(instanceId, cancellationToken);
        Stats.Record(nameof(GetHistoryAsync), start, result.Count);
        return result;
    }

    public ValueTask<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryInstancesAsync(query, cancellationToken);

    public async ValueTask SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.SendMessagesAsync(messages, cancellationToken);
        Stats.Record(nameof(SendMessagesAsync), start, messages.Count);
    }

    public ValueTask<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public ValueTask<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) =>
        inner.PurgeInstancesAsync(filter, cancellationToken);

    public async ValueTask<WorkBatch<OrchestrationWorkItem>> LockInstancesAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var batch = await inner.LockInstancesAsync(request, cancellationToken);
        var end = Stopwatch.GetTimestamp();
        var count = batch.Items.Count;
        Stats.RecordTicks(count == 0 ? "LockInstancesAsync (empty)" : nameof(LockInstancesAsync), Ticks(start, end), count);
        if (count > 0)
        {
            Stats.RecordTicks("lock request size (instances)", 0, request.MaxItems);
        }

        foreach (var item in batch.Items)
        {
            _lockedAt[item] = end;
            if (_messageSentAt.TryRemove(item.Instance.InstanceId, out var sent))
            {
                Stats.RecordTicks("handoff: create/complete call -> instance locked", Ticks(sent, end));
            }
        }

        return batch;
    }

    public async ValueTask<CheckpointResult> CheckpointAsync(OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        if (_lockedAt.TryRemove(checkpoint.WorkItem, out var locked))
        {
            Stats.RecordTicks("engine: instance locked -> checkpoint call (episode)", Ticks(locked, start));
        }

        foreach (var activity in checkpoint.Activities)
        {
            _activityEnqueuedAt[(activity.InstanceId, activity.TaskId)] = start;
        }

        var result = await inner.CheckpointAsync(checkpoint, cancellationToken);
        var end = Stopwatch.GetTimestamp();
        Stats.RecordTicks(nameof(CheckpointAsync), Ticks(start, end), checkpoint.NewHistory.Count);
        if (checkpoint.Update.RuntimeStatus.IsTerminal())
        {
            _finishedAt[checkpoint.WorkItem.Instance.InstanceId] = end;
        }

        if (result.LockedActivities.Count > 0)
        {
            Stats.RecordTicks("eager: activities locked by checkpoint", 0, result.LockedActivities.Count);
        }

        foreach (var item in result.LockedActivities)
        {
            _lockedAt[item] = end;
            _activityEnqueuedAt.TryRemove((item.Request.InstanceId, item.Request.TaskId), out _);
        }

        return result;
    }

    public async ValueTask AbandonInstanceAsync(OrchestrationWorkItem workItem, string error, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        _lockedAt.TryRemove(workItem, out _);
        await inner.AbandonInstanceAsync(workItem, error, cancellationToken);
        Stats.Record(nameof(AbandonInstanceAsync), start);
    }

    public ValueTask<LeaseStatus> RenewInstanceLeaseAsync(OrchestrationWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        inner.RenewInstanceLeaseAsync(workItem, leaseDuration, cancellationToken);

    public ValueTask ParkInstanceAsync(OrchestrationWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default) =>
        inner.ParkInstanceAsync(workItem, failure, cancellationToken);

    public async ValueTask<WorkBatch<ActivityWorkItem>> LockActivitiesAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var batch = await inner.LockActivitiesAsync(request, cancellationToken);
        var end = Stopwatch.GetTimestamp();
        var count = batch.Items.Count;
        Stats.RecordTicks(count == 0 ? "LockActivitiesAsync (empty)" : nameof(LockActivitiesAsync), Ticks(start, end), count);
        if (count > 0)
        {
            Stats.RecordTicks("lock request size (activities)", 0, request.MaxItems);
        }

        foreach (var item in batch.Items)
        {
            _lockedAt[item] = end;
            if (_activityEnqueuedAt.TryRemove((item.Request.InstanceId, item.Request.TaskId), out var enqueued))
            {
                Stats.RecordTicks("handoff: checkpoint call -> activity locked", Ticks(enqueued, end));
            }
        }

        return batch;
    }

    public async ValueTask CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        if (_lockedAt.TryRemove(workItem, out var locked))
        {
            Stats.RecordTicks("engine: activity locked -> complete call (activity)", Ticks(locked, start));
        }

        _messageSentAt[workItem.Request.InstanceId] = start;
        await inner.CompleteActivityAsync(workItem, result, cancellationToken);
        Stats.Record(nameof(CompleteActivityAsync), start);
    }

    public async ValueTask<OrchestrationWorkItem?> CompleteActivityAsync(
        ActivityWorkItem workItem, HistoryEvent result, LockRequest? lockInstance, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        if (_lockedAt.TryRemove(workItem, out var locked))
        {
            Stats.RecordTicks("engine: activity locked -> complete call (activity)", Ticks(locked, start));
        }

        _messageSentAt[workItem.Request.InstanceId] = start;
        var episode = await inner.CompleteActivityAsync(workItem, result, lockInstance, cancellationToken);
        var end = Stopwatch.GetTimestamp();
        Stats.RecordTicks(episode is null ? nameof(CompleteActivityAsync) : "CompleteActivityAsync (+ instance locked)", Ticks(start, end));
        if (episode is not null)
        {
            _messageSentAt.TryRemove(workItem.Request.InstanceId, out _);
            _lockedAt[episode] = end;
        }

        return episode;
    }

    public async ValueTask AbandonActivityAsync(ActivityWorkItem workItem, string error, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        _lockedAt.TryRemove(workItem, out _);
        await inner.AbandonActivityAsync(workItem, error, cancellationToken);
        Stats.Record(nameof(AbandonActivityAsync), start);
    }

    public async ValueTask<LeaseStatus> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var status = await inner.RenewActivityLeaseAsync(workItem, leaseDuration, cancellationToken);
        Stats.Record(nameof(RenewActivityLeaseAsync), start);
        return status;
    }

    public ValueTask ParkActivityAsync(ActivityWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default) =>
        inner.ParkActivityAsync(workItem, failure, cancellationToken);

    public ValueTask<IReadOnlyList<PoisonRecord>> GetPoisonAsync(CancellationToken cancellationToken = default) =>
        inner.GetPoisonAsync(cancellationToken);

    public ValueTask<StoreDiagnostics> GetDiagnosticsAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.GetDiagnosticsAsync(instanceId, cancellationToken);

    public async ValueTask WaitForWorkAsync(WorkKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.WaitForWorkAsync(kind, maxWait, cancellationToken);
        Stats.Record($"WaitForWorkAsync ({kind})", start);
    }

    public async ValueTask WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.WaitForInstanceChangeAsync(instanceId, maxWait, cancellationToken);
        var ticks = Stopwatch.GetElapsedTime(start);
        Stats.RecordTicks(ticks >= maxWait ? "WaitForInstanceChangeAsync (timed out)" : nameof(WaitForInstanceChangeAsync), ticks.Ticks);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static long Ticks(long from, long to) => Stopwatch.GetElapsedTime(from, to).Ticks;
}
