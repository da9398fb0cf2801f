using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.InMemory;

public sealed partial class InMemoryDurableStore
{
    /// <inheritdoc/>
    public ValueTask<WorkBatch<ActivityWorkItem>> LockActivitiesAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        var items = new List<ActivityWorkItem>();
        lock (_gate)
        {
            foreach (var activity in _activities.Values)
            {
                if (items.Count >= request.MaxItems)
                {
                    break;
                }

                if (activity.LockOwner is not null && activity.LockExpiry > now)
                {
                    continue;
                }

                activity.LockOwner = request.Owner;
                activity.LockExpiry = now + request.LeaseDuration;
                activity.DequeueCount++;
                var entry = _instances.GetValueOrDefault(activity.Request.InstanceId);
                items.Add(new ActivityWorkItem
                {
                    Id = activity.Id,
                    Request = entry is null ? activity.Request : activity.Request with { Input = Resolve(entry, activity.Request.Input) },
                    LockOwner = request.Owner,
                    LockedUntil = activity.LockExpiry,
                    DequeueCount = activity.DequeueCount,
                    LastError = activity.LastError,
                });
            }
        }

        return ValueTask.FromResult(new WorkBatch<ActivityWorkItem>(items));
    }

    /// <inheritdoc/>
    public async ValueTask CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken = default) =>
        await CompleteActivityAsync(workItem, result, null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask<OrchestrationWorkItem?> CompleteActivityAsync(
        ActivityWorkItem workItem, HistoryEvent result, LockRequest? lockInstance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        WorkKind? signal;
        OrchestrationWorkItem? episode = null;
        lock (_gate)
        {
            OwnedActivity(workItem);
            _activities.Remove(workItem.Id);
            signal = Deliver(new OrchestrationMessage(workItem.Request.InstanceId, result, workItem.Request.ExecutionId));
            var now = _time.GetUtcNow();
            if (signal is not null
                && lockInstance is not null
                && _instances.TryGetValue(workItem.Request.InstanceId, out var entry)
                && entry.Record.Kind == lockInstance.Kind
                && entry.Record.RuntimeStatus.IsActive()
                && !entry.IsLockedAt(now))
            {
                var visible = entry.Inbox.Where(m => m.VisibleAt <= now).OrderBy(m => m.Sequence).ToList();
                episode = LockEntry(entry, visible, lockInstance, now);
                signal = null; // the caller runs it; nobody else could take it
            }
        }

        if (signal is { } kind)
        {
            Signal(kind);
        }

        return ValueTask.FromResult(episode);
    }

    private ActivityEntry OwnedActivity(ActivityWorkItem workItem)
    {
        if (!_activities.TryGetValue(workItem.Id, out var activity) || activity.LockOwner != workItem.LockOwner)
        {
            throw new LeaseLostException(
                $"Worker '{workItem.LockOwner}' no longer holds activity {workItem.Id} ('{workItem.Request.Name}' of '{workItem.Request.InstanceId}').");
        }

        return activity;
    }

    /// <inheritdoc/>
    public ValueTask AbandonActivityAsync(ActivityWorkItem workItem, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            var activity = OwnedActivity(workItem);
            activity.LockOwner = null;
            activity.LastError = error;
        }

        Signal(WorkKind.Activity);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<LeaseStatus> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            if (!_activities.TryGetValue(workItem.Id, out var activity) || activity.LockOwner != workItem.LockOwner)
            {
                return ValueTask.FromResult(LeaseStatus.Lost);
            }

            activity.LockExpiry = _time.GetUtcNow() + leaseDuration;
            var ended = !_instances.TryGetValue(workItem.Request.InstanceId, out var entry)
                || entry.Record.RuntimeStatus.IsTerminal()
                || entry.Record.ExecutionId != workItem.Request.ExecutionId;
            return ValueTask.FromResult(ended ? LeaseStatus.InstanceEnded : LeaseStatus.Renewed);
        }
    }

    /// <inheritdoc/>
    public ValueTask ParkActivityAsync(ActivityWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(failure);
        WorkKind? signal;
        lock (_gate)
        {
            OwnedActivity(workItem);
            _activities.Remove(workItem.Id);
            _poison.Add(new PoisonRecord(
                workItem.Request.InstanceId, "activity", workItem.Request.Name, workItem.DequeueCount, failure.Message, _time.GetUtcNow()));
            var failed = new HistoryEvent
            {
                Kind = EventKind.TaskFailed,
                TaskId = workItem.Request.TaskId,
                Timestamp = _time.GetUtcNow(),
                Name = workItem.Request.Name,
                Failure = failure with { IsNonRetriable = true },
            };
            signal = Deliver(new OrchestrationMessage(workItem.Request.InstanceId, failed, workItem.Request.ExecutionId));
        }

        if (signal is { } kind)
        {
            Signal(kind);
        }

        return ValueTask.CompletedTask;
    }
}
