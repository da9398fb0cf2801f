using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.InMemory;

public sealed partial class InMemoryDurableStore
{
    /// <inheritdoc/>
    public ValueTask CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            CreateLocked(instance, throwIfActive: true);
        }

        Signal(WorkKind.Orchestration);
        _instanceSignals.Set(instance.InstanceId);
        return ValueTask.CompletedTask;
    }

    // Returns false when an instance with the id exists that may not be replaced (active, or any when the new instance
    // does not reuse finished ids) and throwIfActive is false.
    private bool CreateLocked(NewInstance instance, bool throwIfActive)
    {
        if (_instances.TryGetValue(instance.InstanceId, out var existing))
        {
            var status = existing.Record.RuntimeStatus;
            if (status.IsActive() || !instance.ReuseFinishedId)
            {
                if (throwIfActive)
                {
                    throw InstanceAlreadyExistsException.For(instance.InstanceId, status);
                }

                return false;
            }

            RemoveActivitiesOf(instance.InstanceId);
        }

        var now = _time.GetUtcNow();
        var entry = new InstanceEntry
        {
            Record = new InstanceRecord
            {
                InstanceId = instance.InstanceId,
                Kind = InstanceKind.Orchestration,
                Name = instance.Name,
                ExecutionId = instance.ExecutionId,
                RuntimeStatus = OrchestrationRuntimeStatus.Pending,
                CreatedTime = instance.CreatedTime == default ? now : instance.CreatedTime,
                LastUpdatedTime = now,
                Parent = instance.Parent,
            },
        };
        entry.Record = entry.Record with { Input = Intern(entry, instance.Input) };
        _instances[instance.InstanceId] = entry;
        var started = new HistoryEvent
        {
            Kind = EventKind.ExecutionStarted,
            Timestamp = now,
            Name = instance.Name,
            Data = Intern(entry, instance.Input),
            ExecutionId = instance.ExecutionId,
            Parent = instance.Parent,
        };
        entry.Inbox.Add(new InboxEntry(++_sequence, started, instance.ExecutionId, instance.StartAt ?? now));
        return true;
    }

    private void RemoveActivitiesOf(string instanceId)
    {
        foreach (var id in _activities.Where(a => a.Value.Request.InstanceId == instanceId).Select(a => a.Key).ToList())
        {
            _activities.Remove(id);
        }
    }

    /// <inheritdoc/>
    public ValueTask<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_instances.TryGetValue(instanceId, out var entry) ? Resolve(entry) : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var entry)
                ? entry.History.Select(e => Resolve(entry, e)).ToList()
                : [];
            return ValueTask.FromResult(history);
        }
    }

    /// <inheritdoc/>
    public ValueTask<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var after = ContinuationToken.Parse(query.ContinuationToken);
        lock (_gate)
        {
            var filtered = _instances.Values
                .Select(e => e.Record)
                .Where(r => query.IncludeEntities || r.Kind == InstanceKind.Orchestration)
                .Where(r => query.RuntimeStatus.Count == 0 || query.RuntimeStatus.Contains(r.RuntimeStatus))
                .Where(r => query.CreatedFrom is null || r.CreatedTime >= query.CreatedFrom)
                .Where(r => query.CreatedTo is null || r.CreatedTime < query.CreatedTo)
                .Where(r => query.InstanceIdPrefix is null || r.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .Where(r => after is null || (query.Descending ? ContinuationToken.IsBefore(r, after.Value, query.OrderBy) : ContinuationToken.IsAfter(r, after.Value, query.OrderBy)));
            var ordered = query.Descending
                ? filtered.OrderByDescending(r => ContinuationToken.Key(r, query.OrderBy)).ThenByDescending(r => r.InstanceId, StringComparer.Ordinal)
                : filtered.OrderBy(r => ContinuationToken.Key(r, query.OrderBy)).ThenBy(r => r.InstanceId, StringComparer.Ordinal);
            var matches = ordered
                .Take(pageSize + 1)
                .Select(r => Resolve(_instances[r.InstanceId]))
                .ToList();
            var hasMore = matches.Count > pageSize;
            if (hasMore)
            {
                matches.RemoveAt(matches.Count - 1);
            }

            var token = hasMore ? ContinuationToken.Create(matches[^1], query.OrderBy) : null;
            return ValueTask.FromResult(new InstancePage(matches, token));
        }
    }

    /// <inheritdoc/>
    public ValueTask SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var kinds = new HashSet<WorkKind>();
        lock (_gate)
        {
            foreach (var message in messages)
            {
                if (Deliver(message) is { } kind)
                {
                    kinds.Add(kind);
                }
            }
        }

        foreach (var kind in kinds)
        {
            Signal(kind);
        }

        return ValueTask.CompletedTask;
    }

    // Appends a message to its target's inbox. Returns the kind of work it creates, or null when dropped.
    private WorkKind? Deliver(OrchestrationMessage message)
    {
        var now = _time.GetUtcNow();
        if (!_instances.TryGetValue(message.InstanceId, out var entry))
        {
            if (!EntityIds.IsEntity(message.InstanceId))
            {
                return null;
            }

            entry = new InstanceEntry
            {
                Record = new InstanceRecord
                {
                    InstanceId = message.InstanceId,
                    Kind = InstanceKind.Entity,
                    Name = EntityIds.GetName(message.InstanceId),
                    RuntimeStatus = OrchestrationRuntimeStatus.Running,
                    CreatedTime = now,
                    LastUpdatedTime = now,
                },
            };
            _instances[message.InstanceId] = entry;
        }

        if (entry.Record.RuntimeStatus.IsTerminal())
        {
            return null;
        }

        entry.Inbox.Add(new InboxEntry(++_sequence, Intern(entry, message.Event), message.ExecutionId, message.VisibleAt ?? now));
        return entry.Record.Kind == InstanceKind.Entity ? WorkKind.Entity : WorkKind.Orchestration;
    }

    /// <inheritdoc/>
    public ValueTask<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var entry) || !entry.Record.RuntimeStatus.IsTerminal())
            {
                return ValueTask.FromResult(0);
            }

            _instances.Remove(instanceId);
            RemoveActivitiesOf(instanceId);
            return ValueTask.FromResult(1);
        }
    }

    /// <inheritdoc/>
    public ValueTask<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            var doomed = _instances.Values
                .Select(e => e.Record)
                .Where(r => r.RuntimeStatus.IsTerminal())
                .Where(r => filter.RuntimeStatus.Count == 0 || filter.RuntimeStatus.Contains(r.RuntimeStatus))
                .Where(r => filter.CreatedFrom is null || r.CreatedTime >= filter.CreatedFrom)
                .Where(r => filter.CreatedTo is null || r.CreatedTime < filter.CreatedTo)
                .Select(r => r.InstanceId)
                .ToList();
            foreach (var id in doomed)
            {
                _instances.Remove(id);
                RemoveActivitiesOf(id);
            }

            return ValueTask.FromResult(doomed.Count);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<PoisonRecord>> GetPoisonAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<PoisonRecord>>([.. _poison]);
        }
    }

    /// <inheritdoc/>
    public ValueTask<StoreDiagnostics> GetDiagnosticsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var entry))
            {
                return ValueTask.FromResult(new StoreDiagnostics(0, 0, 0, 0, 0, 0));
            }

            var lease = _activities.Values
                .Where(a => a.Request.InstanceId == instanceId && a.LockOwner is not null)
                .Select(a => (Owner: a.LockOwner, Expiry: a.LockExpiry))
                .Append((Owner: entry.LockOwner, Expiry: entry.LockExpiry))
                .Where(l => l.Owner is not null)
                .DefaultIfEmpty()
                .MaxBy(l => l.Expiry);
            return ValueTask.FromResult(new StoreDiagnostics(
                entry.History.Count,
                entry.History.Sum(e => (long)(e.Data?.Length ?? 0)),
                entry.Payloads.Count,
                entry.Payloads.Values.Sum(v => (long)v.Length),
                entry.Inbox.Count,
                _activities.Values.Count(a => a.Request.InstanceId == instanceId),
                lease.Owner,
                lease.Owner is null ? null : lease.Expiry));
        }
    }
}
