using System.Text.Json;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sdk;

/// <summary>Decides which of an entity's messages run now, following DurableTask.Core's entity scheduler
/// (<c>TaskEntityDispatcher.DetermineWork</c>, <c>SchedulerState</c>): while an orchestration holds the entity's lock,
/// only its own requests run; every other request (signals, calls, lock requests) is deferred in arrival order and runs
/// after the release, which may hand the lock straight to a deferred lock request.</summary>
/// <remarks>
/// A lock request locks the entity for its orchestration and travels on to the next entity of its sorted lock set
/// (position + 1); the last entity grants the lock with an <see cref="EventKind.EntityLockGranted"/> message named by the
/// critical section id. A release from the lock holder unlocks (one from anyone else is ignored, as DurableTask.Core does;
/// stricter than it, a release naming another critical section of the holder is ignored too, so a late release cannot
/// end a newer critical section).
/// </remarks>
internal sealed class EntityScheduler
{
    private readonly string _entityId;
    private readonly DateTimeOffset _now;
    private readonly List<HistoryEvent> _queue;
    private readonly List<HistoryEvent> _operations = [];
    private readonly List<OrchestrationMessage> _messages = [];
    private string? _lockedBy;
    private string? _criticalSectionId;

    private EntityScheduler(string entityId, EntitySchedulerState state, DateTimeOffset now)
    {
        _entityId = entityId;
        _now = now;
        _queue = [.. state.Queue];
        _lockedBy = state.LockedBy;
        _criticalSectionId = state.CriticalSectionId;
    }

    /// <summary>The operations to run now, in order.</summary>
    public IReadOnlyList<HistoryEvent> Operations => _operations;

    /// <summary>Lock requests forwarded to the next entity and lock grants to orchestrations.</summary>
    public IReadOnlyList<OrchestrationMessage> Messages => _messages;

    /// <summary>The lock and the deferred requests after these messages.</summary>
    public EntitySchedulerState State => new() { LockedBy = _lockedBy, CriticalSectionId = _criticalSectionId, Queue = [.. _queue] };

    /// <summary>Admits the new messages of the entity <paramref name="entityId"/> against its stored scheduler state.</summary>
    public static EntityScheduler Admit(string entityId, EntitySchedulerState state, IEnumerable<HistoryEvent> incoming, DateTimeOffset now)
    {
        var scheduler = new EntityScheduler(entityId, state, now);
        foreach (var e in incoming)
        {
            scheduler.Receive(e);
        }

        return scheduler;
    }

    private void Receive(HistoryEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.EntityLockReleased:
                if (_lockedBy is not null && string.Equals(_lockedBy, e.InstanceId, StringComparison.Ordinal)
                    && (_criticalSectionId is null || e.RequestId is null || string.Equals(_criticalSectionId, e.RequestId, StringComparison.Ordinal)))
                {
                    _lockedBy = null;
                    _criticalSectionId = null;
                    RunDeferred();
                }

                break;
            case EventKind.EntityOperationCalled or EventKind.EntityOperationSignaled or EventKind.EntityLockRequested:
                if (_lockedBy is null || string.Equals(_lockedBy, e.InstanceId, StringComparison.Ordinal))
                {
                    Run(e);
                }
                else
                {
                    _queue.Add(e);
                }

                break;
        }
    }

    // After a release: the deferred requests run in order until one of them locks the entity again; from then on only the
    // new holder's requests may pass (DurableTask.Core's SchedulerState.MayDequeue).
    private void RunDeferred()
    {
        while (_queue.Count > 0 && (_lockedBy is null || string.Equals(_lockedBy, _queue[0].InstanceId, StringComparison.Ordinal)))
        {
            var next = _queue[0];
            _queue.RemoveAt(0);
            Run(next);
        }
    }

    private void Run(HistoryEvent e)
    {
        if (e.Kind != EventKind.EntityLockRequested)
        {
            _operations.Add(e);
            return;
        }

        var owner = e.InstanceId ?? throw new InvalidOperationException($"A lock request to '{_entityId}' names no orchestration.");
        _lockedBy = owner;
        _criticalSectionId = e.RequestId;
        var lockSet = JsonSerializer.Deserialize<string[]>(e.Data ?? "[]") ?? [];
        var next = e.TaskId + 1;
        if (next < lockSet.Length)
        {
            _messages.Add(new OrchestrationMessage(lockSet[next], e with { TaskId = next, Timestamp = _now }));
        }
        else
        {
            var granted = new HistoryEvent { Kind = EventKind.EntityLockGranted, Timestamp = _now, InstanceId = _entityId, RequestId = e.RequestId };
            _messages.Add(new OrchestrationMessage(owner, granted, e.ExecutionId));
        }
    }
}
