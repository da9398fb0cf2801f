using Google.Protobuf.Collections;
using Nexus.Durable.History;
using Nexus.Durable.Replay;
using Nexus.Durable.Storage;
using P = Microsoft.DurableTask.Protobuf;

namespace Nexus.Durable.Sdk;

/// <summary>Turns what the SDK's runner returned for one episode into NEXUS's checkpoint material.</summary>
/// <remarks>
/// Each action becomes one history event with the action's id (ScheduleTask → TaskScheduled, CreateTimer → TimerCreated,
/// CreateSubOrchestration → SubOrchestrationInstanceCreated, SendEvent → EventSent) and its work: an activity, a timer
/// message visible at its time, a child instance, an event for another instance or an entity message. A completion
/// ends the execution (on Failed the sibling actions are dropped, as the protocol says, except entity lock releases);
/// continue-as-new starts the next
/// execution with the events nobody consumed (which the SDK forwards as events sent to the instance itself), after its start.
/// </remarks>
internal sealed class SdkEpisode(SdkOrchestrationRuntime runtime, List<HistoryEvent> recorded, DateTimeOffset now)
{
    private readonly List<ActivityRequest> _activities = [];
    private readonly List<OrchestrationMessage> _messages = [];
    private readonly List<NewInstance> _children = [];

    private string ExecutionId => runtime.ExecutionId ?? string.Empty;

    /// <summary>A terminate request ended the execution; the orchestrator did not run.</summary>
    public EpisodeResult Terminated(string? reason)
    {
        NotifyParent(null, new FailureDetails(
            "Nexus.Durable.ExecutionTerminated", $"The sub-orchestration was terminated: {reason}", IsNonRetriable: true));
        return Result(OrchestrationRuntimeStatus.Terminated, reason, null);
    }

    public EpisodeResult Apply(RepeatedField<P.OrchestratorAction> actions)
    {
        var complete = actions.LastOrDefault(a => a.CompleteOrchestration is not null);
        if (complete?.CompleteOrchestration.OrchestrationStatus == P.OrchestrationStatus.Failed)
        {
            var failure = ProtocolFailures.FromProtocol(complete.CompleteOrchestration.FailureDetails)
                ?? new FailureDetails("Nexus.Durable.OrchestrationFailed", "The orchestration failed without details.");
            // Except the entity lock releases the SDK sends when an orchestration ends inside a critical section
            // (TaskOrchestrationShim's finally): dropped, they would leave the entities locked forever.
            foreach (var release in actions.Where(IsLockRelease))
            {
                Schedule(release);
            }

            recorded.Add(new HistoryEvent { Kind = EventKind.ExecutionFailed, Timestamp = now, Failure = failure });
            NotifyParent(null, failure);
            return Result(OrchestrationRuntimeStatus.Failed, null, failure);
        }

        // On continue-as-new the SDK forwards the events nobody consumed as events sent to the instance itself: they belong
        // to the next execution and must reach it after its start, not before.
        var continuing = complete?.CompleteOrchestration.OrchestrationStatus == P.OrchestrationStatus.ContinuedAsNew;
        var forwarded = new List<P.SendEventAction>();
        foreach (var action in actions)
        {
            if (continuing && action.SendEvent?.Instance?.InstanceId == runtime.InstanceId)
            {
                forwarded.Add(action.SendEvent);
            }
            else if (action.CompleteOrchestration is null)
            {
                Schedule(action);
            }
        }

        if (complete?.CompleteOrchestration is not { } done)
        {
            return Result(runtime.IsSuspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running, null, null);
        }

        switch (done.OrchestrationStatus)
        {
            case P.OrchestrationStatus.Completed:
                recorded.Add(new HistoryEvent { Kind = EventKind.ExecutionCompleted, Timestamp = now, Data = done.Result });
                NotifyParent(done.Result, null);
                return Result(OrchestrationRuntimeStatus.Completed, done.Result, null);
            case P.OrchestrationStatus.ContinuedAsNew:
                return ContinueAsNew(done, forwarded);
            case P.OrchestrationStatus.Terminated:
                recorded.Add(new HistoryEvent { Kind = EventKind.ExecutionTerminated, Timestamp = now, Data = done.Result });
                return Terminated(done.Result);
            default:
                throw new NotSupportedException($"The orchestrator of '{runtime.InstanceId}' completed with status {done.OrchestrationStatus}, which NEXUS does not support.");
        }
    }

    private static bool IsLockRelease(P.OrchestratorAction action) =>
        action.SendEvent is { Name: "release", Instance.InstanceId: { } target } && EntityIds.IsEntity(target);

    private void Schedule(P.OrchestratorAction action)
    {
        var id = action.Id;
        switch (action.OrchestratorActionTypeCase)
        {
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                var task = action.ScheduleTask;
                var input = ProtocolInput.Unwrap(task.Input);
                recorded.Add(new HistoryEvent { Kind = EventKind.TaskScheduled, TaskId = id, Timestamp = now, Name = task.Name, Data = input });
                _activities.Add(new ActivityRequest(runtime.InstanceId, ExecutionId, id, task.Name, input));
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                var fireAt = action.CreateTimer.FireAt.ToDateTimeOffset();
                recorded.Add(new HistoryEvent { Kind = EventKind.TimerCreated, TaskId = id, Timestamp = now, FireAt = fireAt });
                var fired = new HistoryEvent { Kind = EventKind.TimerFired, TaskId = id, Timestamp = fireAt, FireAt = fireAt };
                _messages.Add(new OrchestrationMessage(runtime.InstanceId, fired, ExecutionId, fireAt));
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                var child = action.CreateSubOrchestration;
                InstanceIds.Validate(child.InstanceId);
                recorded.Add(new HistoryEvent
                {
                    Kind = EventKind.SubOrchestrationInstanceCreated, TaskId = id, Timestamp = now, Name = child.Name, Data = child.Input, InstanceId = child.InstanceId,
                });
                _children.Add(new NewInstance
                {
                    InstanceId = child.InstanceId,
                    Name = child.Name,
                    ExecutionId = DeterministicGuid.Create($"{runtime.InstanceId}:{ExecutionId}:child:{id}").ToString("N"),
                    Input = child.Input,
                    CreatedTime = now,
                    Parent = new ParentInstance(runtime.InstanceId, ExecutionId, id),
                });
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                var send = action.SendEvent;
                var target = send.Instance?.InstanceId ?? throw new InvalidOperationException($"'{runtime.InstanceId}' sent an event without a target.");
                recorded.Add(new HistoryEvent { Kind = EventKind.EventSent, TaskId = id, Timestamp = now, Name = send.Name, Data = send.Data, InstanceId = target });
                _messages.Add(EntityIds.IsEntity(target)
                    ? EntityRequestMessage.ToInboxMessage(target, send.Name, send.Data, runtime.InstanceId, ExecutionId, now)
                    : new OrchestrationMessage(target, new HistoryEvent
                    {
                        Kind = EventKind.EventRaised, Timestamp = now, Name = send.Name, Data = send.Data, InstanceId = runtime.InstanceId,
                    }));
                break;
            default:
                throw new NotSupportedException(
                    $"The orchestrator of '{runtime.InstanceId}' asked for {action.OrchestratorActionTypeCase}, which NEXUS's engine does not support.");
        }
    }

    private EpisodeResult ContinueAsNew(P.CompleteOrchestrationAction done, List<P.SendEventAction> forwarded)
    {
        recorded.Add(new HistoryEvent { Kind = EventKind.ContinueAsNew, Timestamp = now, Data = done.Result });
        var next = runtime.NextExecutionId();
        var started = new HistoryEvent
        {
            Kind = EventKind.ExecutionStarted, Timestamp = now, Name = runtime.Name, Data = done.Result, ExecutionId = next, Parent = runtime.Parent,
        };
        _messages.Add(new OrchestrationMessage(runtime.InstanceId, started, next));
        foreach (var send in forwarded)
        {
            var e = new HistoryEvent { Kind = EventKind.EventRaised, Timestamp = now, Name = send.Name, Data = send.Data, InstanceId = runtime.InstanceId };
            _messages.Add(new OrchestrationMessage(runtime.InstanceId, e, next));
        }

        foreach (var carried in done.CarryoverEvents)
        {
            if (carried.EventRaised is { } raised)
            {
                var e = new HistoryEvent
                {
                    Kind = EventKind.EventRaised,
                    Timestamp = carried.Timestamp?.ToDateTimeOffset() ?? now,
                    Name = raised.Name,
                    Data = raised.Input,
                    InstanceId = runtime.InstanceId, // carried over: the new execution takes it first
                };
                _messages.Add(new OrchestrationMessage(runtime.InstanceId, e, next));
            }
        }

        return Result(OrchestrationRuntimeStatus.Running, null, null) with { NewExecutionId = next, NewInput = done.Result };
    }

    private void NotifyParent(string? output, FailureDetails? failure)
    {
        if (runtime.Parent is not { } parent)
        {
            return;
        }

        var e = new HistoryEvent
        {
            Kind = failure is null ? EventKind.SubOrchestrationInstanceCompleted : EventKind.SubOrchestrationInstanceFailed,
            TaskId = parent.TaskId,
            Timestamp = now,
            InstanceId = runtime.InstanceId,
            Data = output,
            Failure = failure,
        };
        _messages.Add(new OrchestrationMessage(parent.InstanceId, e, parent.ExecutionId));
    }

    private EpisodeResult Result(OrchestrationRuntimeStatus status, string? output, FailureDetails? failure)
    {
        recorded.Add(new HistoryEvent { Kind = EventKind.OrchestratorCompleted, Timestamp = now });
        return new EpisodeResult
        {
            NewHistory = recorded,
            Status = status,
            Activities = _activities,
            Messages = _messages,
            SubOrchestrations = _children,
            Output = output,
            Failure = failure,
        };
    }
}
