using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.InMemory;

public sealed partial class InMemoryDurableStore
{
    /// <inheritdoc/>
    public ValueTask<WorkBatch<OrchestrationWorkItem>> LockInstancesAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        var items = new List<OrchestrationWorkItem>();
        DateTimeOffset? next = null;
        lock (_gate)
        {
            var candidates = _instances.Values
                .Where(e => e.Record.Kind == request.Kind && e.Inbox.Count > 0 && !e.IsLockedAt(now))
                .Where(e => e.Record.RuntimeStatus.IsActive())
                .OrderBy(e => e.Inbox.Where(m => m.VisibleAt <= now).Select(m => m.Sequence).DefaultIfEmpty(long.MaxValue).Min());
            foreach (var entry in candidates)
            {
                var visible = entry.Inbox.Where(m => m.VisibleAt <= now).OrderBy(m => m.Sequence).ToList();
                if (visible.Count == 0)
                {
                    var earliest = entry.Inbox.Min(m => m.VisibleAt);
                    next = next is null || earliest < next ? earliest : next;
                    continue;
                }

                if (items.Count >= request.MaxItems)
                {
                    continue;
                }

                items.Add(LockEntry(entry, visible, request, now));
            }
        }

        return ValueTask.FromResult(new WorkBatch<OrchestrationWorkItem>(items, items.Count == 0 ? next : null));
    }

    /// <inheritdoc/>
    public ValueTask<CheckpointResult> CheckpointAsync(OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var workItem = checkpoint.WorkItem;
        var signals = new HashSet<WorkKind>();
        var locked = new List<ActivityWorkItem>();
        var changed = new List<string> { workItem.Instance.InstanceId };
        lock (_gate)
        {
            var entry = OwnedEntry(workItem);
            if (!checkpoint.ReplaceHistory && entry.History.Count != workItem.HistoryCount)
            {
                throw new LeaseLostException(
                    $"History position {workItem.HistoryCount} of '{workItem.Instance.InstanceId}' already exists; another writer checkpointed this instance.");
            }

            var now = _time.GetUtcNow();
            if (checkpoint.ReplaceHistory)
            {
                entry.History.Clear();
            }

            entry.History.AddRange(checkpoint.NewHistory.Select(e => Intern(entry, e)));
            var consumed = workItem.Messages.Select(m => m.Sequence).ToHashSet();
            entry.Inbox.RemoveAll(m => consumed.Contains(m.Sequence));

            var update = checkpoint.Update;
            var record = entry.Record with
            {
                RuntimeStatus = update.RuntimeStatus,
                ExecutionId = update.ExecutionId ?? entry.Record.ExecutionId,
                Input = update.Input is null ? entry.Record.Input : Intern(entry, update.Input),
                Output = update.ClearOutput ? null : update.Output is null ? entry.Record.Output : Intern(entry, update.Output),
                CustomStatus = update.CustomStatus is null ? entry.Record.CustomStatus : Intern(entry, update.CustomStatus),
                Failure = update.Failure ?? (update.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? entry.Record.Failure : null),
                LastUpdatedTime = now,
                CompletedTime = update.RuntimeStatus.IsTerminal() ? now : null,
            };
            entry.Record = record;
            entry.LockOwner = null;
            entry.DequeueCount = 0;
            entry.LastError = null;
            if (record.RuntimeStatus.IsTerminal())
            {
                entry.Inbox.Clear();
            }
            else if (entry.Inbox.Any(m => m.VisibleAt <= now))
            {
                // Messages that arrived while the instance was locked were signalled when nobody could take them.
                signals.Add(workItem.Instance.Kind == InstanceKind.Entity ? WorkKind.Entity : WorkKind.Orchestration);
            }

            if (checkpoint.ReplaceHistory)
            {
                DropUnreferencedPayloads(entry);
            }

            var eager = checkpoint.LockActivities;
            foreach (var activity in checkpoint.Activities)
            {
                var id = ++_sequence;
                var queued = new ActivityEntry { Id = id, Request = activity with { Input = Intern(entry, activity.Input) } };
                _activities[id] = queued;
                if (eager is not null && locked.Count < eager.MaxItems)
                {
                    queued.LockOwner = eager.Owner;
                    queued.LockExpiry = now + eager.LeaseDuration;
                    queued.DequeueCount = 1;
                    locked.Add(new ActivityWorkItem { Id = id, Request = activity, LockOwner = eager.Owner, LockedUntil = queued.LockExpiry, DequeueCount = 1 });
                }
                else
                {
                    signals.Add(WorkKind.Activity);
                }
            }

            foreach (var child in checkpoint.SubOrchestrations)
            {
                if (CreateLocked(child, throwIfActive: false))
                {
                    signals.Add(WorkKind.Orchestration);
                    changed.Add(child.InstanceId);
                }
                else if (child.Parent is { } parent)
                {
                    var failed = new HistoryEvent
                    {
                        Kind = EventKind.SubOrchestrationInstanceFailed,
                        TaskId = parent.TaskId,
                        Timestamp = now,
                        InstanceId = child.InstanceId,
                        Failure = new FailureDetails(
                            typeof(InstanceAlreadyExistsException).FullName!,
                            $"Sub-orchestration instance '{child.InstanceId}' already exists and is active.",
                            IsNonRetriable: true),
                    };
                    if (Deliver(new OrchestrationMessage(parent.InstanceId, failed, parent.ExecutionId)) is { } kind)
                    {
                        signals.Add(kind);
                    }
                }
            }

            foreach (var message in checkpoint.Messages)
            {
                if (Deliver(message) is { } kind)
                {
                    signals.Add(kind);
                }
            }
        }

        foreach (var kind in signals)
        {
            Signal(kind);
        }

        foreach (var id in changed)
        {
            _instanceSignals.Set(id);
        }

        return ValueTask.FromResult(locked.Count == 0 ? CheckpointResult.Empty : new CheckpointResult { LockedActivities = locked });
    }

    // Locks an instance whose visible messages are known (guarded by _gate).
    private static OrchestrationWorkItem LockEntry(InstanceEntry entry, List<InboxEntry> visible, LockRequest request, DateTimeOffset now)
    {
        entry.LockOwner = request.Owner;
        entry.LockExpiry = now + request.LeaseDuration;
        entry.DequeueCount++;
        return new OrchestrationWorkItem
        {
            Instance = Resolve(entry),
            LockOwner = request.Owner,
            LockedUntil = entry.LockExpiry,
            Messages = visible.Select(m => new InboxMessage(m.Sequence, Resolve(entry, m.Event), m.ExecutionId)).ToList(),
            HistoryCount = entry.History.Count,
            DequeueCount = entry.DequeueCount,
            LastError = entry.LastError,
        };
    }

    // Continue-as-new leaves the old execution's large values behind; keep only those something still refers to.
    private void DropUnreferencedPayloads(InstanceEntry entry)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        void Use(string? stored)
        {
            if (PayloadHash.TryParseReference(stored, out var hash))
            {
                used.Add(hash);
            }
        }

        Use(entry.Record.Input);
        Use(entry.Record.Output);
        Use(entry.Record.CustomStatus);
        entry.History.ForEach(e => Use(e.Data));
        entry.Inbox.ForEach(m => Use(m.Event.Data));
        foreach (var activity in _activities.Values.Where(a => a.Request.InstanceId == entry.Record.InstanceId))
        {
            Use(activity.Request.Input);
        }

        foreach (var hash in entry.Payloads.Keys.Where(h => !used.Contains(h)).ToList())
        {
            entry.Payloads.Remove(hash);
        }
    }

    private InstanceEntry OwnedEntry(OrchestrationWorkItem workItem)
    {
        if (!_instances.TryGetValue(workItem.Instance.InstanceId, out var entry) || entry.LockOwner != workItem.LockOwner)
        {
            throw new LeaseLostException(
                $"Worker '{workItem.LockOwner}' no longer holds the lock of '{workItem.Instance.InstanceId}'.");
        }

        return entry;
    }

    /// <inheritdoc/>
    public ValueTask AbandonInstanceAsync(OrchestrationWorkItem workItem, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            var entry = OwnedEntry(workItem);
            entry.LockOwner = null;
            entry.LastError = error;
        }

        Signal(workItem.Instance.Kind == InstanceKind.Entity ? WorkKind.Entity : WorkKind.Orchestration);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<LeaseStatus> RenewInstanceLeaseAsync(OrchestrationWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            if (!_instances.TryGetValue(workItem.Instance.InstanceId, out var entry) || entry.LockOwner != workItem.LockOwner)
            {
                return ValueTask.FromResult(LeaseStatus.Lost);
            }

            entry.LockExpiry = _time.GetUtcNow() + leaseDuration;
            return ValueTask.FromResult(LeaseStatus.Renewed);
        }
    }

    /// <inheritdoc/>
    public ValueTask ParkInstanceAsync(OrchestrationWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(failure);
        var signals = new HashSet<WorkKind>();
        lock (_gate)
        {
            var entry = OwnedEntry(workItem);
            var now = _time.GetUtcNow();
            var isEntity = entry.Record.Kind == InstanceKind.Entity;
            _poison.Add(new PoisonRecord(
                entry.Record.InstanceId,
                isEntity ? "entity" : "orchestration",
                entry.Record.Name,
                workItem.DequeueCount,
                failure.Message,
                now));
            var parked = workItem.Messages.Select(m => m.Sequence).ToHashSet();
            entry.Inbox.RemoveAll(m => parked.Contains(m.Sequence));
            entry.LockOwner = null;
            entry.DequeueCount = 0;
            entry.LastError = null;
            if (isEntity)
            {
                foreach (var call in workItem.Messages.Where(m => m.Event.Kind == EventKind.EntityOperationCalled && m.Event.InstanceId is not null))
                {
                    var response = new HistoryEvent
                    {
                        Kind = EventKind.EntityOperationFailed,
                        TaskId = call.Event.TaskId,
                        Timestamp = now,
                        Name = call.Event.Name,
                        InstanceId = entry.Record.InstanceId,
                        RequestId = call.Event.RequestId,
                        Failure = failure,
                    };
                    if (Deliver(new OrchestrationMessage(call.Event.InstanceId!, response, call.ExecutionId)) is { } kind)
                    {
                        signals.Add(kind);
                    }
                }
            }
            else
            {
                entry.Record = entry.Record with
                {
                    RuntimeStatus = OrchestrationRuntimeStatus.Failed,
                    Failure = failure,
                    LastUpdatedTime = now,
                    CompletedTime = now,
                };
                entry.Inbox.Clear();
                if (entry.Record.Parent is { } parent)
                {
                    var failed = new HistoryEvent
                    {
                        Kind = EventKind.SubOrchestrationInstanceFailed,
                        TaskId = parent.TaskId,
                        Timestamp = now,
                        InstanceId = entry.Record.InstanceId,
                        Failure = failure,
                    };
                    if (Deliver(new OrchestrationMessage(parent.InstanceId, failed, parent.ExecutionId)) is { } kind)
                    {
                        signals.Add(kind);
                    }
                }
            }
        }

        foreach (var kind in signals)
        {
            Signal(kind);
        }

        _instanceSignals.Set(workItem.Instance.InstanceId);
        return ValueTask.CompletedTask;
    }
}
