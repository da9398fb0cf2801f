using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Agents.Messaging;

/// <summary>The JSON form of the message envelopes: snake_case names, enum values as snake_case strings, durations in seconds.</summary>
/// <remarks>
/// <para>
/// Why snake_case: the envelopes are the product's wire format, read and written by tools in other languages (the original
/// NEXUS is Python, whose field names are <c>message_id</c>, <c>response_expected</c>, …), and it matches the scratchpad
/// names (<c>aria_to_code.md</c>). C# property names map mechanically (<c>MessageId</c> ⇄ <c>message_id</c>).
/// </para>
/// <para>
/// Timestamps are ISO 8601 with an offset; <c>timeout_seconds</c> and <c>execution_time_seconds</c> are numbers
/// (fractions allowed); <c>priority</c> is <c>low|normal|high|critical</c>; <c>status</c> is
/// <c>completed|failed|rejected|timed_out|canceled</c>; null values are omitted when writing. Unknown fields are ignored
/// when reading (newer senders), while missing or mistyped required fields fail with a
/// <see cref="MessageValidationException"/> that lists every problem by field path.
/// </para>
/// </remarks>
public static class MessageJson
{
    private static readonly string[] PriorityNames = Enum.GetValues<MessagePriority>().Select(p => Name(p)).ToArray();
    private static readonly string[] StatusNames = Enum.GetValues<TaskResponseStatus>().Select(s => Name(s)).ToArray();

    /// <summary>The serializer options of the message format (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a validated assignment.</summary>
    /// <exception cref="MessageValidationException">The assignment is invalid; nothing is written.</exception>
    public static string Serialize(TaskAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        assignment.Validate();
        return JsonSerializer.Serialize(assignment, Options);
    }

    /// <summary>Serializes a validated response.</summary>
    /// <exception cref="MessageValidationException">The response is invalid; nothing is written.</exception>
    public static string Serialize(TaskResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Validate();
        return JsonSerializer.Serialize(response, Options);
    }

    /// <summary>Reads and validates an assignment.</summary>
    /// <exception cref="MessageValidationException">The JSON is malformed, or fields are missing, mistyped or invalid.</exception>
    public static TaskAssignment DeserializeAssignment(string json) => Deserialize<TaskAssignment>(json, "task_assignment", isResponse: false);

    /// <summary>Reads and validates a response.</summary>
    /// <exception cref="MessageValidationException">The JSON is malformed, or fields are missing, mistyped or invalid.</exception>
    public static TaskResponse DeserializeResponse(string json) => Deserialize<TaskResponse>(json, "task_response", isResponse: true);

    /// <summary>Converts a typed payload or result into a <see cref="JsonElement"/> with the message conventions.</summary>
    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>The wire name of a priority (<c>high</c>).</summary>
    public static string Name(MessagePriority priority) => JsonNamingPolicy.SnakeCaseLower.ConvertName(priority.ToString());

    /// <summary>The wire name of a status (<c>timed_out</c>).</summary>
    public static string Name(TaskResponseStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    /// <summary>Where a message did not fit, in the message's words: the field (when the reader got that far) and the
    /// 1-based line and position. The reader's own message names .NET types and byte offsets, so it is never quoted.</summary>
    internal static string Describe(JsonException exception)
    {
        var position = $"line {(exception.LineNumber ?? 0) + 1}, position {(exception.BytePositionInLine ?? 0) + 1}";
        return exception.Path is { Length: > 1 } path && path.TrimStart('$', '.') is { Length: > 0 } field
            ? $"{field} is not valid there ({position})"
            : $"not valid JSON ({position})";
    }

    private static T Deserialize<T>(string json, string kind, bool isResponse)
        where T : AgentMessage
    {
        ArgumentNullException.ThrowIfNull(json);
        T? message;
        try
        {
            using var document = JsonDocument.Parse(json);
            var problems = CheckShape(document.RootElement, isResponse);
            if (problems.Count > 0)
            {
                throw new MessageValidationException(kind, problems);
            }

            message = document.RootElement.Deserialize<T>(Options);
        }
        catch (JsonException ex)
        {
            throw new MessageValidationException(kind, [Describe(ex)], ex);
        }

        if (message is null)
        {
            throw new MessageValidationException(kind, ["the message is null"]);
        }

        message.Validate();
        return message;
    }

    private static List<string> CheckShape(JsonElement root, bool isResponse)
    {
        var problems = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"expected a JSON object, got {Describe(root.ValueKind)}");
            return problems;
        }

        var shape = new ShapeChecker(root, problems);
        shape.String("message_id", required: true);
        shape.Timestamp("timestamp");
        shape.Address("from");
        shape.Address("to");
        shape.String("message_type", required: true);
        shape.Enum("priority", PriorityNames, required: false);
        if (isResponse)
        {
            shape.String("response_to", required: true);
            shape.Enum("status", StatusNames, required: true);
            shape.Number("execution_time_seconds", required: true);
            shape.String("error", required: false);
        }
        else
        {
            shape.Present("payload");
            shape.Boolean("response_expected");
            shape.Number("timeout_seconds", required: false);
        }

        return problems;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private readonly struct ShapeChecker(JsonElement obj, List<string> problems, string prefix = "")
    {
        public void Present(string name)
        {
            if (!obj.TryGetProperty(name, out _))
            {
                problems.Add($"{prefix}{name} is missing");
            }
        }

        public void String(string name, bool required) => Check(name, required, JsonValueKind.String, "a string");

        public void Number(string name, bool required) => Check(name, required, JsonValueKind.Number, "a number of seconds");

        public void Boolean(string name)
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                problems.Add($"{prefix}{name} must be true or false, got {Describe(value.ValueKind)}");
            }
        }

        public void Timestamp(string name)
        {
            Check(name, required: true, JsonValueKind.String, "an ISO 8601 timestamp");
            if (obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                && !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            {
                problems.Add($"{prefix}{name} must be an ISO 8601 timestamp, got '{value.GetString()}'");
            }
        }

        public void Enum(string name, string[] allowed, bool required)
        {
            Check(name, required, JsonValueKind.String, "a string");
            if (obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !allowed.Contains(value.GetString(), StringComparer.Ordinal))
            {
                problems.Add($"{prefix}{name} must be one of {string.Join(", ", allowed)}, got '{value.GetString()}'");
            }
        }

        public void Address(string name)
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                problems.Add($"{prefix}{name} is missing");
                return;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{prefix}{name} must be an object with agent_id and agent_type, got {Describe(value.ValueKind)}");
                return;
            }

            var inner = new ShapeChecker(value, problems, $"{prefix}{name}.");
            inner.String("agent_id", required: true);
            inner.String("agent_type", required: true);
            inner.String("session_id", required: false);
        }

        private void Check(string name, bool required, JsonValueKind kind, string expected)
        {
            if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    problems.Add($"{prefix}{name} is missing");
                }

                return;
            }

            if (value.ValueKind != kind)
            {
                problems.Add($"{prefix}{name} must be {expected}, got {Describe(value.ValueKind)}");
            }
        }
    }
}
