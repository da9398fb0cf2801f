using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Api.Contracts;

/// <summary>One history event; <see cref="EventId"/> is its position in the history (the SSE event id).</summary>
internal sealed record HistoryEventResponse
{
    /// <summary>The position in the history, from 0.</summary>
    public required int EventId { get; init; }

    /// <summary>The event kind (ExecutionStarted, TaskScheduled, TaskCompleted, EventRaised, …).</summary>
    public required string EventType { get; init; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The activity, event or entity operation name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>The scheduled task this event belongs to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TaskId { get; init; }

    /// <summary>The payload: input, result, output or event data (<c>showHistoryOutput=true</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Data { get; init; }

    /// <summary>Why it failed (type and message; never a stack trace).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Failure { get; init; }

    /// <summary>When a timer fires.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FireAt { get; init; }
}
