using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Agents.Messaging;

/// <summary>A task sent to an agent.</summary>
/// <remarks>
/// Wire format (snake_case, see <see cref="MessageJson"/>):
/// <code>
/// {"message_id": "…", "timestamp": "2026-11-21T10:00:00+00:00",
///  "from": {"agent_id": "prime", "agent_type": "orchestrator", "session_id": "p-42"},
///  "to": {"agent_id": "code", "agent_type": "developer", "session_id": "p-42"},
///  "message_type": "implement", "priority": "high", "payload": {…},
///  "response_expected": true, "timeout_seconds": 1200}
/// </code>
/// </remarks>
public sealed record TaskAssignment : AgentMessage
{
    /// <summary>The task's content (<c>payload</c>): any JSON value. See <see cref="PayloadAs{T}"/> and <see cref="MessageJson.ToElement{T}"/>.</summary>
    public required JsonElement Payload { get; init; }

    /// <summary>Whether the sender waits for a <see cref="TaskResponse"/> (<c>response_expected</c>). Default <see langword="true"/>.</summary>
    public bool ResponseExpected { get; init; } = true;

    /// <summary>How long the recipient has (<c>timeout_seconds</c>, a number); <see langword="null"/> for no limit.</summary>
    [JsonPropertyName("timeout_seconds")]
    [JsonConverter(typeof(SecondsTimeSpanConverter))]
    public TimeSpan? Timeout { get; init; }

    /// <inheritdoc />
    protected override string Kind => "task_assignment";

    /// <summary>Reads the payload as <typeparamref name="T"/> with the message JSON conventions.</summary>
    /// <exception cref="MessageValidationException">The payload does not have the shape of <typeparamref name="T"/>.</exception>
    public T? PayloadAs<T>()
    {
        try
        {
            return Payload.Deserialize<T>(MessageJson.Options);
        }
        catch (JsonException ex)
        {
            throw new MessageValidationException(Kind, [$"payload is not a valid {typeof(T).Name}: {MessageJson.Describe(ex)}"], ex);
        }
    }

    /// <summary>Creates the response to this assignment: sender and recipient swapped, same type, priority and sessions.</summary>
    /// <param name="messageId">The response's own id.</param>
    /// <param name="timestamp">When the response is created (from the caller's clock).</param>
    /// <param name="status">How the task ended.</param>
    /// <param name="executionTime">How long the task took.</param>
    /// <param name="result">The result (any JSON), if any.</param>
    /// <param name="error">What went wrong, when <paramref name="status"/> is not <see cref="TaskResponseStatus.Completed"/>.</param>
    public TaskResponse CreateResponse(string messageId, DateTimeOffset timestamp, TaskResponseStatus status, TimeSpan executionTime, JsonElement? result = null, string? error = null) =>
        new()
        {
            MessageId = messageId,
            Timestamp = timestamp,
            From = To,
            To = From,
            MessageType = MessageType,
            Priority = Priority,
            ResponseTo = MessageId,
            Status = status,
            ExecutionTime = executionTime,
            Result = result,
            Error = error,
        };

    /// <inheritdoc />
    protected override void AddProblems(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Payload.ValueKind == JsonValueKind.Undefined)
        {
            problems.Add("payload is missing");
        }

        if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            problems.Add("timeout_seconds must be greater than 0");
        }
    }
}
