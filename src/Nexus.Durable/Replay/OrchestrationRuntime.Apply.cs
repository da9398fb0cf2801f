using Nexus.Durable.History;

namespace Nexus.Durable.Replay;

internal sealed partial class OrchestrationRuntime
{
    private static bool IsCompletion(EventKind kind) => kind is EventKind.TaskCompleted or EventKind.TaskFailed
        or EventKind.TimerFired or EventKind.SubOrchestrationInstanceCompleted or EventKind.SubOrchestrationInstanceFailed
        or EventKind.EntityOperationCompleted or EventKind.EntityOperationFailed;

    // Whether a new event means something to this execution. Completions of unknown or abandoned tasks (a duplicate
    // activity delivery, a cancelled timer) are dropped before they are recorded, so replay never sees them.
    private bool IsExpected(HistoryEvent e) => e.Kind switch
    {
        EventKind.ExecutionStarted => _run is null,
        EventKind.EventRaised or EventKind.ExecutionSuspended or EventKind.ExecutionResumed or EventKind.ExecutionTerminated => _run is not null,
        _ when IsCompletion(e.Kind) => _open.ContainsKey(e.TaskId),
        _ => false,
    };

    private void Apply(HistoryEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.OrchestratorStarted:
                _now = e.Timestamp;
                break;
            case EventKind.ExecutionStarted:
                Start(e);
                break;
            case EventKind.TaskScheduled or EventKind.TimerCreated or EventKind.SubOrchestrationInstanceCreated
                or EventKind.EntityOperationSignaled or EventKind.EntityOperationCalled:
                Match(e);
                break;
            case EventKind.ExecutionSuspended:
                _suspended = true;
                break;
            case EventKind.ExecutionResumed:
                Resume();
                break;
            case EventKind.ExecutionTerminated:
                _finished = true;
                _terminationReason = e.Data;
                break;
            case EventKind.EventRaised:
            case var kind when IsCompletion(kind):
                if (_suspended)
                {
                    _suspendedBuffer.Add(e);
                }
                else
                {
                    Deliver(e);
                }

                break;
            default:
                break;
        }
    }

    private void Start(HistoryEvent e)
    {
        ExecutionId = e.ExecutionId;
        Parent = e.Parent;
        object? input;
        try
        {
            input = _converter.Deserialize(e.Data, _orchestration.InputType);
        }
        catch (FormatException ex)
        {
            _run = Task.FromException<object?>(new ArgumentException(
                $"The input of orchestration '{Name}' cannot be read as {_orchestration.InputType.Name}: {ex.Message}", ex));
            return;
        }

        _run = _orchestration.RunUntypedAsync(_context, input);
    }

    private void Match(HistoryEvent recorded)
    {
        if (!_unmatched.Remove(recorded.TaskId, out var action))
        {
            var produced = _unmatched.Count == 0
                ? "nothing (it is waiting or has returned)"
                : string.Join("; ", _unmatched.Values.Select(a => ScheduledAction.Describe(a.Event)));
            throw NonDeterminism(
                $"history position {_position} records {ScheduledAction.Describe(recorded)}, but at that point the code scheduled {produced}");
        }

        if (!action.Matches(recorded))
        {
            throw NonDeterminism(
                $"history position {_position} records {ScheduledAction.Describe(recorded)}, but the code scheduled {ScheduledAction.Describe(action.Event)}");
        }
    }

    private void Resume()
    {
        _suspended = false;
        var buffered = _suspendedBuffer.ToList();
        _suspendedBuffer.Clear();
        foreach (var e in buffered)
        {
            Deliver(e);
            _sync.Pump();
        }
    }

    private void Deliver(HistoryEvent e)
    {
        if (e.Kind == EventKind.EventRaised)
        {
            if (e.Name is not null && _waiters.TryGetValue(e.Name, out var waiting) && waiting.Count > 0)
            {
                var waiter = waiting[0];
                waiting.RemoveAt(0);
                waiter.TrySetResult(e.Data);
            }
            else
            {
                _eventBuffer.Add(e);
            }

            return;
        }

        if (!_open.Remove(e.TaskId, out var task))
        {
            return;
        }

        switch (e.Kind)
        {
            case EventKind.TaskCompleted or EventKind.TimerFired or EventKind.SubOrchestrationInstanceCompleted
                or EventKind.EntityOperationCompleted:
                task.Completion.TrySetResult(e.Data);
                break;
            default:
                var failure = e.Failure ?? new FailureDetails("Unknown", "The task failed without details.");
                task.Completion.TrySetException(new TaskFailedException(task.Name, e.TaskId, failure));
                break;
        }
    }
}
