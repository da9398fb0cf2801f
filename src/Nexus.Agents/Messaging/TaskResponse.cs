using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Agents.Messaging;

/// <summary>The answer to a <see cref="TaskAssignment"/>.</summary>
/// <remarks>
/// Wire format (snake_case, see <see cref="MessageJson"/>): the envelope fields of <see cref="AgentMessage"/> plus
/// <c>"response_to": "&lt;assignment message_id&gt;", "status": "completed", "execution_time_seconds": 12.5,
/// "result": {…}, "error": null</c>.
/// </remarks>
public sealed record TaskResponse : AgentMessage
{
    /// <summary>The <see cref="AgentMessage.MessageId"/> of the assignment this answers (<c>response_to</c>).</summary>
    public required string ResponseTo { get; init; }

    /// <summary>How the task ended (<c>status</c>).</summary>
    public required TaskResponseStatus Status { get; init; }

    /// <summary>How long the task took (<c>execution_time_seconds</c>, a number).</summary>
    [JsonPropertyName("execution_time_seconds")]
    [JsonConverter(typeof(SecondsTimeSpanConverter))]
    public required TimeSpan ExecutionTime { get; init; }

    /// <summary>The result (<c>result</c>): any JSON value, or <see langword="null"/>.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>What went wrong (<c>error</c>), for statuses other than <see cref="TaskResponseStatus.Completed"/>.</summary>
    public string? Error { get; init; }

    /// <inheritdoc />
    protected override string Kind => "task_response";

    /// <summary>Reads the result as <typeparamref name="T"/> with the message JSON conventions; default when there is none.</summary>
    /// <exception cref="MessageValidationException">The result does not have the shape of <typeparamref name="T"/>.</exception>
    public T? ResultAs<T>()
    {
        if (Result is not { } result || result.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return default;
        }

        try
        {
            return result.Deserialize<T>(MessageJson.Options);
        }
        catch (JsonException ex)
        {
            throw new MessageValidationException(Kind, [$"result is not a valid {typeof(T).Name}: {MessageJson.Describe(ex)}"], ex);
        }
    }

    /// <inheritdoc />
    protected override void AddProblems(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Require(ResponseTo, "response_to", problems);
        if (!Enum.IsDefined(Status))
        {
            problems.Add($"status {(int)Status} is not one of completed, failed, rejected, timed_out, canceled");
        }

        if (ExecutionTime < TimeSpan.Zero)
        {
            problems.Add("execution_time_seconds must not be negative");
        }

        if (Status != TaskResponseStatus.Completed && string.IsNullOrWhiteSpace(Error))
        {
            problems.Add($"error is required when status is {MessageJson.Name(Status)}");
        }
    }
}
