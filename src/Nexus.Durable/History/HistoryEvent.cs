using System.Text.Json.Serialization;

namespace Nexus.Durable.History;

/// <summary>One event of an orchestration history, or a message in an instance's inbox.</summary>
/// <remarks>
/// A flat record on purpose: every store persists the same few columns, and recorded histories stay readable as
/// JSON files. Which fields are set depends on <see cref="Kind"/>; unset fields are <see langword="null"/>.
/// <see cref="Data"/> is always serialized JSON (inputs, results, outputs, event payloads, termination reasons).
/// </remarks>
public sealed record HistoryEvent
{
    /// <summary>What happened.</summary>
    public required EventKind Kind { get; init; }

    /// <summary>The sequence id of a scheduled action, or of the action a completion event completes; -1 when not applicable.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>When the event was recorded (or, for <see cref="EventKind.OrchestratorStarted"/>, the episode's time).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Activity, orchestration, event or entity operation name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>JSON payload: input, result, output, event data or reason.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Data { get; init; }

    /// <summary>Failure details of a failed task, sub-orchestration, entity operation or execution.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FailureDetails? Failure { get; init; }

    /// <summary>The other instance involved: a sub-orchestration, the target or source entity, the event sender.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceId { get; init; }

    /// <summary>The execution id (on <see cref="EventKind.ExecutionStarted"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExecutionId { get; init; }

    /// <summary>When a timer fires (<see cref="EventKind.TimerCreated"/>, <see cref="EventKind.TimerFired"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FireAt { get; init; }

    /// <summary>The parent orchestration of a sub-orchestration (on <see cref="EventKind.ExecutionStarted"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParentInstance? Parent { get; init; }

    /// <summary>Correlates an entity call with its response.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }
}
