using Nexus.Durable.Entities;
using Nexus.Durable.History;
using Nexus.Durable.Orchestrations;

namespace Nexus.Durable.Replay;

// The operations behind ReplayOrchestrationContext: each scheduled action gets the next task id and either waits to be
// matched with its recorded event (replay) or is recorded at the end of the episode (new).
internal sealed partial class OrchestrationRuntime
{
    internal bool IsReplaying => _replaying;

    internal DateTime CurrentUtcDateTime => _now.UtcDateTime;

    internal ReplayOrchestrationContext Context => _context;

    internal void CheckThread()
    {
        if (Environment.CurrentManagedThreadId != _sync.OwnerThread)
        {
            throw new InvalidOperationException(
                $"Orchestration '{Name}' used its context from another thread or outside an episode. Orchestration code must " +
                "not use ConfigureAwait(false), Task.Run or other non-durable awaits.");
        }
    }

    private void AddAction(HistoryEvent e)
    {
        var action = new ScheduledAction(e);
        if (_replaying)
        {
            _unmatched[e.TaskId] = action;
        }
        else
        {
            _newActions.Add(action);
        }
    }

    private OpenTask Schedule(HistoryEvent e, string name)
    {
        AddAction(e);
        var open = new OpenTask(name, e.Kind);
        _open[e.TaskId] = open;
        return open;
    }

    internal Task<string?> ScheduleActivity(string name, string? input)
    {
        var id = _nextTaskId++;
        return Schedule(new HistoryEvent { Kind = EventKind.TaskScheduled, TaskId = id, Timestamp = _now, Name = name, Data = input }, name)
            .Completion.Task;
    }

    internal Task<string?> ScheduleSubOrchestration(string name, string? input, string? instanceId)
    {
        var id = _nextTaskId++;
        var childId = instanceId ?? $"{InstanceId}:{id}";
        InstanceIds.Validate(childId);
        var e = new HistoryEvent
        {
            Kind = EventKind.SubOrchestrationInstanceCreated, TaskId = id, Timestamp = _now, Name = name, Data = input, InstanceId = childId,
        };
        return Schedule(e, name).Completion.Task;
    }

    internal Task ScheduleTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _nextTaskId++;
        var at = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        var open = Schedule(new HistoryEvent { Kind = EventKind.TimerCreated, TaskId = id, Timestamp = _now, FireAt = at }, "timer");
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (Environment.CurrentManagedThreadId != _sync.OwnerThread)
                {
                    _sync.ReportForeign("a durable timer was cancelled from another thread (use CancellationTokenSource.Cancel(), not CancelAsync(), in orchestrations)");
                    return;
                }

                if (_open.Remove(id))
                {
                    open.Completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        return open.Completion.Task;
    }

    internal void SendEntitySignal(EntityInstanceId entity, string operation, string? input)
    {
        var id = _nextTaskId++;
        AddAction(new HistoryEvent
        {
            Kind = EventKind.EntityOperationSignaled, TaskId = id, Timestamp = _now, Name = operation, Data = input, InstanceId = entity.ToString(),
        });
    }

    internal Task<string?> CallEntity(EntityInstanceId entity, string operation, string? input)
    {
        var id = _nextTaskId++;
        var e = new HistoryEvent
        {
            Kind = EventKind.EntityOperationCalled,
            TaskId = id,
            Timestamp = _now,
            Name = operation,
            Data = input,
            InstanceId = entity.ToString(),
            RequestId = DeterministicGuid.Create($"{InstanceId}:{ExecutionId}:entity:{id}").ToString("N"),
        };
        return Schedule(e, $"{entity}.{operation}").Completion.Task;
    }

    internal Task<string?> WaitForEvent(string name, out Action? cancel)
    {
        var index = _eventBuffer.FindIndex(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var e = _eventBuffer[index];
            _eventBuffer.RemoveAt(index);
            cancel = null;
            return Task.FromResult(e.Data);
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(name, out var list))
        {
            _waiters[name] = list = [];
        }

        list.Add(waiter);
        cancel = () =>
        {
            list.Remove(waiter);
            waiter.TrySetCanceled();
        };
        return waiter.Task;
    }

    internal void SetCustomStatus(string? json)
    {
        _customStatus = json ?? "null";
        _customStatusDirty = true;
    }

    internal void RequestContinueAsNew(string? input)
    {
        _continueAsNew = true;
        _continueAsNewInput = input;
    }

    internal Guid NewGuid() => DeterministicGuid.Create($"{InstanceId}_{_now.UtcTicks}_{_guidCounter++}");

    internal Microsoft.Extensions.Logging.ILogger Logger(string category) => CreateLogger(category);

    internal Serialization.DataConverter Converter => _converter;

    internal Registry.DurableRegistry Registry => _registry;
}
