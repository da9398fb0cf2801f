using Google.Protobuf.WellKnownTypes;
using Nexus.Durable.History;
using P = Microsoft.DurableTask.Protobuf;

namespace Nexus.Durable.Sdk;

/// <summary>NEXUS's stored history events as Durable Task protocol events, for the SDK's orchestration runner.</summary>
/// <remarks>
/// The stores keep NEXUS's flat <see cref="HistoryEvent"/>; every field the protocol event carries for a kind has a home in
/// it (the task id is the protocol's event id or its scheduled/timer id), so the conversion loses nothing the runner reads.
/// Versions, tags and trace contexts are not used by NEXUS and are not stored.
/// </remarks>
internal static class ProtocolHistory
{
    /// <summary>The protocol form of <paramref name="e"/> in the history of <paramref name="instanceId"/>.</summary>
    /// <exception cref="NotSupportedException">The event belongs to NEXUS's retired replay runtime (entity calls
    /// recorded in the orchestration's own history), which the SDK runner cannot replay.</exception>
    public static P.HistoryEvent ToProtocol(HistoryEvent e, string instanceId)
    {
        var proto = new P.HistoryEvent { EventId = -1, Timestamp = Timestamp.FromDateTimeOffset(e.Timestamp) };
        switch (e.Kind)
        {
            case EventKind.ExecutionStarted:
                proto.ExecutionStarted = new P.ExecutionStartedEvent
                {
                    Name = e.Name ?? string.Empty,
                    Input = e.Data,
                    OrchestrationInstance = new P.OrchestrationInstance { InstanceId = instanceId, ExecutionId = e.ExecutionId },
                    ParentInstance = e.Parent is { } parent
                        ? new P.ParentInstanceInfo
                        {
                            TaskScheduledId = parent.TaskId,
                            OrchestrationInstance = new P.OrchestrationInstance { InstanceId = parent.InstanceId, ExecutionId = parent.ExecutionId },
                        }
                        : null,
                };
                break;
            case EventKind.ExecutionCompleted:
                proto.ExecutionCompleted = new P.ExecutionCompletedEvent { OrchestrationStatus = P.OrchestrationStatus.Completed, Result = e.Data };
                break;
            case EventKind.ExecutionFailed:
                proto.ExecutionCompleted = new P.ExecutionCompletedEvent
                {
                    OrchestrationStatus = P.OrchestrationStatus.Failed,
                    FailureDetails = ProtocolFailures.ToProtocol(e.Failure),
                };
                break;
            case EventKind.ExecutionTerminated:
                proto.ExecutionTerminated = new P.ExecutionTerminatedEvent { Input = e.Data };
                break;
            case EventKind.TaskScheduled:
                proto.EventId = e.TaskId;
                proto.TaskScheduled = new P.TaskScheduledEvent { Name = e.Name ?? string.Empty, Input = ProtocolInput.Wrap(e.Data) };
                break;
            case EventKind.TaskCompleted:
                proto.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = e.TaskId, Result = e.Data };
                break;
            case EventKind.TaskFailed:
                proto.TaskFailed = new P.TaskFailedEvent { TaskScheduledId = e.TaskId, FailureDetails = ProtocolFailures.ToProtocol(e.Failure) };
                break;
            case EventKind.SubOrchestrationInstanceCreated:
                proto.EventId = e.TaskId;
                proto.SubOrchestrationInstanceCreated = new P.SubOrchestrationInstanceCreatedEvent
                {
                    InstanceId = e.InstanceId ?? string.Empty, Name = e.Name ?? string.Empty, Input = e.Data,
                };
                break;
            case EventKind.SubOrchestrationInstanceCompleted:
                proto.SubOrchestrationInstanceCompleted = new P.SubOrchestrationInstanceCompletedEvent { TaskScheduledId = e.TaskId, Result = e.Data };
                break;
            case EventKind.SubOrchestrationInstanceFailed:
                proto.SubOrchestrationInstanceFailed = new P.SubOrchestrationInstanceFailedEvent
                {
                    TaskScheduledId = e.TaskId, FailureDetails = ProtocolFailures.ToProtocol(e.Failure),
                };
                break;
            case EventKind.TimerCreated:
                proto.EventId = e.TaskId;
                proto.TimerCreated = new P.TimerCreatedEvent { FireAt = Timestamp.FromDateTimeOffset(e.FireAt ?? e.Timestamp) };
                break;
            case EventKind.TimerFired:
                proto.TimerFired = new P.TimerFiredEvent { TimerId = e.TaskId, FireAt = Timestamp.FromDateTimeOffset(e.FireAt ?? e.Timestamp) };
                break;
            case EventKind.EventRaised:
                proto.EventRaised = new P.EventRaisedEvent { Name = e.Name ?? string.Empty, Input = e.Data };
                break;
            case EventKind.EventSent:
                proto.EventId = e.TaskId;
                proto.EventSent = new P.EventSentEvent { InstanceId = e.InstanceId ?? string.Empty, Name = e.Name ?? string.Empty, Input = e.Data };
                break;
            case EventKind.ContinueAsNew:
                proto.ContinueAsNew = new P.ContinueAsNewEvent { Input = e.Data };
                break;
            case EventKind.ExecutionSuspended:
                proto.ExecutionSuspended = new P.ExecutionSuspendedEvent { Input = e.Data };
                break;
            case EventKind.ExecutionResumed:
                proto.ExecutionResumed = new P.ExecutionResumedEvent { Input = e.Data };
                break;
            case EventKind.OrchestratorStarted:
                proto.OrchestratorStarted = new P.OrchestratorStartedEvent();
                break;
            case EventKind.OrchestratorCompleted:
                proto.OrchestratorCompleted = new P.OrchestratorCompletedEvent();
                break;
            case EventKind.EntityOperationCompleted:
                proto.EntityOperationCompleted = new P.EntityOperationCompletedEvent { RequestId = e.RequestId ?? string.Empty, Output = e.Data };
                break;
            case EventKind.EntityOperationFailed:
                proto.EntityOperationFailed = new P.EntityOperationFailedEvent
                {
                    RequestId = e.RequestId ?? string.Empty, FailureDetails = ProtocolFailures.ToProtocol(e.Failure),
                };
                break;
            case EventKind.EntityLockGranted:
                // The runner turns it into DurableTask.Core's lock response: an EventRaised named by the critical section id.
                proto.EntityLockGranted = new P.EntityLockGrantedEvent { CriticalSectionId = e.RequestId ?? string.Empty };
                break;
            default:
                throw new NotSupportedException(
                    $"A {e.Kind} event in the history of '{instanceId}' was written by NEXUS's retired replay runtime; the Durable Task SDK cannot replay it.");
        }

        return proto;
    }
}
