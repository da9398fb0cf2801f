namespace Nexus.Durable.History;

/// <summary>The kinds of events in an orchestration history (the Durable Task event kinds).</summary>
/// <remarks>The numeric values are persisted by the stores: never renumber, only append.</remarks>
public enum EventKind
{
    /// <summary>The first event of an execution: name, input, parent.</summary>
    ExecutionStarted = 0,

    /// <summary>The orchestration returned; <see cref="HistoryEvent.Data"/> is its output.</summary>
    ExecutionCompleted = 1,

    /// <summary>The orchestration threw; <see cref="HistoryEvent.Failure"/> says why.</summary>
    ExecutionFailed = 2,

    /// <summary>A client terminated the instance; <see cref="HistoryEvent.Data"/> is the reason.</summary>
    ExecutionTerminated = 3,

    /// <summary>An activity was scheduled (<see cref="HistoryEvent.TaskId"/>, name, input).</summary>
    TaskScheduled = 4,

    /// <summary>An activity returned (<see cref="HistoryEvent.TaskId"/> names the scheduled task).</summary>
    TaskCompleted = 5,

    /// <summary>An activity failed.</summary>
    TaskFailed = 6,

    /// <summary>A sub-orchestration was started (<see cref="HistoryEvent.InstanceId"/> is the child).</summary>
    SubOrchestrationInstanceCreated = 7,

    /// <summary>A sub-orchestration completed.</summary>
    SubOrchestrationInstanceCompleted = 8,

    /// <summary>A sub-orchestration failed.</summary>
    SubOrchestrationInstanceFailed = 9,

    /// <summary>A durable timer was created (<see cref="HistoryEvent.FireAt"/>).</summary>
    TimerCreated = 10,

    /// <summary>A durable timer fired.</summary>
    TimerFired = 11,

    /// <summary>An external event arrived (<see cref="HistoryEvent.Name"/>, data).</summary>
    EventRaised = 12,

    /// <summary>The orchestration sent an event to another instance.</summary>
    EventSent = 13,

    /// <summary>The orchestration restarted itself with new input; the history is replaced.</summary>
    ContinueAsNew = 14,

    /// <summary>A client suspended the instance.</summary>
    ExecutionSuspended = 15,

    /// <summary>A client resumed the instance.</summary>
    ExecutionResumed = 16,

    /// <summary>An episode began; its timestamp is the orchestration's current time for that episode.</summary>
    OrchestratorStarted = 17,

    /// <summary>An episode ended.</summary>
    OrchestratorCompleted = 18,

    /// <summary>A one-way entity operation (sent by an orchestration or a client).</summary>
    EntityOperationSignaled = 19,

    /// <summary>A request/response entity operation.</summary>
    EntityOperationCalled = 20,

    /// <summary>An entity operation returned a result to its caller.</summary>
    EntityOperationCompleted = 21,

    /// <summary>An entity operation threw; the failure goes to its caller.</summary>
    EntityOperationFailed = 22,

    /// <summary>A lock request on its way through a critical section's entities (entity inbox only):
    /// <see cref="HistoryEvent.RequestId"/> is the critical section id, <see cref="HistoryEvent.InstanceId"/> the orchestration
    /// that asked (<see cref="HistoryEvent.ExecutionId"/> its execution), <see cref="HistoryEvent.Data"/> the sorted lock set
    /// as a JSON array of entity instance ids and <see cref="HistoryEvent.TaskId"/> the position of the receiving entity in it.</summary>
    EntityLockRequested = 23,

    /// <summary>A critical section ended and releases an entity's lock (entity inbox only): <see cref="HistoryEvent.RequestId"/>
    /// is the critical section id, <see cref="HistoryEvent.InstanceId"/> the orchestration that held the lock.</summary>
    EntityLockReleased = 24,

    /// <summary>The last entity of a lock set granted the lock: the orchestration's critical section starts
    /// (<see cref="HistoryEvent.RequestId"/> is the critical section id, <see cref="HistoryEvent.InstanceId"/> the entity).</summary>
    EntityLockGranted = 25,
}
