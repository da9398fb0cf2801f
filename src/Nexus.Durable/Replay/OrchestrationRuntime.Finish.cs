using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Replay;

internal sealed partial class OrchestrationRuntime
{
    private EpisodeResult Finish(List<HistoryEvent> recorded, DateTimeOffset now)
    {
        if (_terminationReason is null && _finished)
        {
            // Finished during replay: the history already ended the execution (should not be dispatched again).
            throw new InvalidOperationException($"The history of '{InstanceId}' already ends its execution.");
        }

        var status = OrchestrationRuntimeStatus.Running;
        string? output = null;
        FailureDetails? failure = null;
        if (_terminationReason is not null)
        {
            _newActions.Clear();
            status = OrchestrationRuntimeStatus.Terminated;
            output = _terminationReason;
        }
        else if (_run is { IsCompleted: true })
        {
            _finished = true;
            (status, output, failure) = Outcome(_run);
        }
        else if (_run is not null && StuckReason() is { } stuck)
        {
            _finished = true;
            status = OrchestrationRuntimeStatus.Failed;
            failure = new FailureDetails(typeof(InvalidOperationException).FullName!, stuck, IsNonRetriable: true);
        }
        else if (_suspended)
        {
            status = OrchestrationRuntimeStatus.Suspended;
        }

        var activities = new List<ActivityRequest>();
        var messages = new List<OrchestrationMessage>();
        var children = new List<NewInstance>();
        foreach (var action in _newActions)
        {
            recorded.Add(action.Event);
            Emit(action.Event, activities, messages, children);
        }

        _newActions.Clear();
        string? newExecutionId = null;
        string? newInput = null;
        switch (status)
        {
            case OrchestrationRuntimeStatus.Completed:
                recorded.Add(new HistoryEvent { Kind = EventKind.ExecutionCompleted, Timestamp = now, Data = output });
                messages.AddRange(ParentNotification(now, output, null));
                break;
            case OrchestrationRuntimeStatus.Failed:
                recorded.Add(new HistoryEvent { Kind = EventKind.ExecutionFailed, Timestamp = now, Failure = failure });
                messages.AddRange(ParentNotification(now, null, failure));
                break;
            case OrchestrationRuntimeStatus.Terminated:
                messages.AddRange(ParentNotification(now, null, new FailureDetails(
                    "Nexus.Durable.ExecutionTerminated", $"The sub-orchestration was terminated: {_terminationReason}", IsNonRetriable: true)));
                break;
            case OrchestrationRuntimeStatus.ContinuedAsNew:
                recorded.Add(new HistoryEvent { Kind = EventKind.ContinueAsNew, Timestamp = now, Data = _continueAsNewInput });
                newExecutionId = DeterministicGuid.Create($"{InstanceId}:{ExecutionId}:continue-as-new").ToString("N");
                newInput = _continueAsNewInput;
                messages.AddRange(CarryOver(now, newExecutionId));
                status = OrchestrationRuntimeStatus.Running;
                break;
            default:
                break;
        }

        recorded.Add(new HistoryEvent { Kind = EventKind.OrchestratorCompleted, Timestamp = now });
        HistoryCount += recorded.Count;
        var customStatus = _customStatusDirty ? _customStatus : null;
        _customStatusDirty = false;
        return new EpisodeResult
        {
            NewHistory = recorded,
            Status = status,
            Activities = activities,
            Messages = messages,
            SubOrchestrations = children,
            Output = output,
            Failure = failure,
            CustomStatus = customStatus,
            NewExecutionId = newExecutionId,
            NewInput = newInput,
        };
    }

    private (OrchestrationRuntimeStatus Status, string? Output, FailureDetails? Failure) Outcome(Task<object?> run)
    {
        if (run.IsCompletedSuccessfully)
        {
            if (_continueAsNew)
            {
                return (OrchestrationRuntimeStatus.ContinuedAsNew, null, null);
            }

            try
            {
                return (OrchestrationRuntimeStatus.Completed, _converter.Serialize(run.Result), null);
            }
            catch (ArgumentException e)
            {
                return (OrchestrationRuntimeStatus.Failed, null, FailureDetails.FromException(e));
            }
        }

        var exception = run.Exception?.InnerException ?? new OperationCanceledException("The orchestration was cancelled.");
        var failure = exception is TaskFailedException taskFailed
            ? new FailureDetails(typeof(TaskFailedException).FullName!, exception.Message, exception.StackTrace, taskFailed.Failure)
            : FailureDetails.FromException(exception);
        return (OrchestrationRuntimeStatus.Failed, null, failure);
    }

    private string? StuckReason()
    {
        if (_sync.ForeignPost is not null)
        {
            return $"Orchestration '{Name}' awaited something that is not a durable task ({_sync.ForeignPost}). Orchestration code " +
                "may only await tasks from the OrchestrationContext: no Task.Delay, Task.Run, I/O or ConfigureAwait(false).";
        }

        var waiting = _open.Count > 0 || _waiters.Values.Any(w => w.Count > 0) || _suspended || _newActions.Count > 0;
        return waiting ? null : $"Orchestration '{Name}' is waiting on a task that no durable event can complete " +
            "(for example its own TaskCompletionSource); it would never finish.";
    }

    private void Emit(HistoryEvent e, List<ActivityRequest> activities, List<OrchestrationMessage> messages, List<NewInstance> children)
    {
        var executionId = ExecutionId ?? string.Empty;
        switch (e.Kind)
        {
            case EventKind.TaskScheduled:
                activities.Add(new ActivityRequest(InstanceId, executionId, e.TaskId, e.Name!, e.Data));
                break;
            case EventKind.TimerCreated:
                var fired = new HistoryEvent { Kind = EventKind.TimerFired, TaskId = e.TaskId, Timestamp = e.FireAt!.Value, FireAt = e.FireAt };
                messages.Add(new OrchestrationMessage(InstanceId, fired, executionId, e.FireAt));
                break;
            case EventKind.SubOrchestrationInstanceCreated:
                children.Add(new NewInstance
                {
                    InstanceId = e.InstanceId!,
                    Name = e.Name!,
                    ExecutionId = DeterministicGuid.Create($"{InstanceId}:{executionId}:child:{e.TaskId}").ToString("N"),
                    Input = e.Data,
                    CreatedTime = e.Timestamp,
                    Parent = new ParentInstance(InstanceId, executionId, e.TaskId),
                });
                break;
            case EventKind.EntityOperationSignaled or EventKind.EntityOperationCalled:
                var operation = e with { InstanceId = InstanceId, ExecutionId = executionId };
                messages.Add(new OrchestrationMessage(e.InstanceId!, operation));
                break;
            default:
                throw new InvalidOperationException($"Unexpected action {e.Kind}.");
        }
    }

    private List<OrchestrationMessage> ParentNotification(DateTimeOffset now, string? output, FailureDetails? failure)
    {
        if (Parent is null)
        {
            return [];
        }

        var e = new HistoryEvent
        {
            Kind = failure is null ? EventKind.SubOrchestrationInstanceCompleted : EventKind.SubOrchestrationInstanceFailed,
            TaskId = Parent.TaskId,
            Timestamp = now,
            InstanceId = InstanceId,
            Data = output,
            Failure = failure,
        };
        return [new OrchestrationMessage(Parent.InstanceId, e, Parent.ExecutionId)];
    }

    // Continue-as-new: the new execution starts with a fresh history; events nobody consumed yet go with it, in order.
    private IEnumerable<OrchestrationMessage> CarryOver(DateTimeOffset now, string newExecutionId)
    {
        var started = new HistoryEvent
        {
            Kind = EventKind.ExecutionStarted,
            Timestamp = now,
            Name = Name,
            Data = _continueAsNewInput,
            ExecutionId = newExecutionId,
            Parent = Parent,
        };
        yield return new OrchestrationMessage(InstanceId, started, newExecutionId);
        foreach (var e in _eventBuffer.Concat(_suspendedBuffer.Where(b => b.Kind == EventKind.EventRaised)))
        {
            yield return new OrchestrationMessage(InstanceId, e, newExecutionId);
        }
    }
}
