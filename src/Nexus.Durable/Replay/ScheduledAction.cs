using Nexus.Durable.History;

namespace Nexus.Durable.Replay;

/// <summary>Something orchestration code scheduled, waiting to be matched with its history event (on replay) or recorded (new).</summary>
/// <param name="Event">The scheduling event it records as (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated,
/// EntityOperationSignaled, EntityOperationCalled).</param>
internal sealed record ScheduledAction(HistoryEvent Event)
{
    public int TaskId => Event.TaskId;

    public bool Matches(HistoryEvent recorded) =>
        recorded.Kind == Event.Kind
        && string.Equals(recorded.Name, Event.Name, StringComparison.OrdinalIgnoreCase)
        && (Event.Kind != EventKind.SubOrchestrationInstanceCreated || string.Equals(recorded.InstanceId, Event.InstanceId, StringComparison.Ordinal))
        && (Event.Kind is not (EventKind.EntityOperationCalled or EventKind.EntityOperationSignaled)
            || string.Equals(recorded.InstanceId, Event.InstanceId, StringComparison.Ordinal));

    public static string Describe(HistoryEvent e) => e.Kind switch
    {
        EventKind.TaskScheduled => $"CallActivity '{e.Name}' (task {e.TaskId})",
        EventKind.TimerCreated => $"CreateTimer (task {e.TaskId}, fires {e.FireAt:O})",
        EventKind.SubOrchestrationInstanceCreated => $"CallSubOrchestration '{e.Name}' as '{e.InstanceId}' (task {e.TaskId})",
        EventKind.EntityOperationSignaled => $"SignalEntity '{e.InstanceId}' operation '{e.Name}' (task {e.TaskId})",
        EventKind.EntityOperationCalled => $"CallEntity '{e.InstanceId}' operation '{e.Name}' (task {e.TaskId})",
        _ => $"{e.Kind} (task {e.TaskId}{(e.Name is null ? string.Empty : $", '{e.Name}'")})",
    };
}
