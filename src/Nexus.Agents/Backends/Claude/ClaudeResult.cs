using System.Text.Json;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Claude;

/// <summary>The CLI's final <c>{"type":"result", …}</c> object, reduced to what a turn result needs.</summary>
internal sealed record ClaudeResult
{
    private const int DetailLimit = 500;

    /// <summary><c>success</c>, <c>error_max_turns</c>, <c>error_during_execution</c>, <c>error_max_budget_usd</c>, …</summary>
    public string Subtype { get; init; } = string.Empty;

    /// <summary>The CLI's <c>is_error</c>: API failures come back as <c>subtype: success</c> with this set.</summary>
    public bool IsError { get; init; }

    /// <summary>The HTTP status of a failed API call (<c>api_error_status</c>).</summary>
    public int? ApiErrorStatus { get; init; }

    /// <summary>The final text (<c>result</c>): the agent's reply, or the error text when <see cref="IsError"/>.</summary>
    public string? Text { get; init; }

    /// <summary>The <c>errors</c> list (for example with <c>error_max_turns</c>).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The session id to resume next time.</summary>
    public string? SessionId { get; init; }

    /// <summary><c>total_cost_usd</c>.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Input tokens, cache reads and cache writes included.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The model that answered (the first key of <c>modelUsage</c>).</summary>
    public string? Model { get; init; }

    /// <summary>The tool uses the permission settings refused.</summary>
    public IReadOnlyList<PermissionDenial> PermissionDenials { get; init; } = [];

    /// <summary>The parsed <c>structured_output</c> when the run had a <c>--json-schema</c>.</summary>
    public JsonElement? StructuredOutput { get; init; }

    /// <summary>Parses a result object; <paramref name="redact"/> cleans the free text it keeps.</summary>
    public static ClaudeResult Parse(JsonElement root, Func<string?, string> redact)
    {
        ArgumentNullException.ThrowIfNull(redact);
        var usage = root.TryGetProperty("usage", out var usageElement) && usageElement.ValueKind == JsonValueKind.Object
            ? usageElement
            : default;
        return new ClaudeResult
        {
            Subtype = GetString(root, "subtype") ?? string.Empty,
            IsError = root.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True,
            ApiErrorStatus = GetInt(root, "api_error_status"),
            Text = GetString(root, "result"),
            Errors = GetStrings(root, "errors"),
            SessionId = GetString(root, "session_id"),
            CostUsd = GetDecimal(root, "total_cost_usd"),
            InputTokens = GetLong(usage, "input_tokens") + GetLong(usage, "cache_creation_input_tokens") + GetLong(usage, "cache_read_input_tokens"),
            OutputTokens = GetLong(usage, "output_tokens"),
            Model = FirstModel(root),
            PermissionDenials = GetDenials(root, redact),
            StructuredOutput = root.TryGetProperty("structured_output", out var structured) && structured.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                ? structured.Clone()
                : null,
        };
    }

    private static string? FirstModel(JsonElement root)
    {
        if (!root.TryGetProperty("modelUsage", out var models) || models.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // With several models (a sub-agent on a small model), the one with the most output tokens did the turn.
        return models.EnumerateObject()
            .OrderByDescending(model => GetLong(model.Value, "outputTokens"))
            .Select(model => model.Name)
            .FirstOrDefault();
    }

    private static List<PermissionDenial> GetDenials(JsonElement root, Func<string?, string> redact)
    {
        var denials = new List<PermissionDenial>();
        if (!root.TryGetProperty("permission_denials", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return denials;
        }

        foreach (var denial in list.EnumerateArray())
        {
            var tool = GetString(denial, "tool_name") ?? "unknown";
            denials.Add(new PermissionDenial(tool, Detail(denial, redact)));
        }

        return denials;
    }

    /// <summary>The most telling part of a denied tool input: its path or command, else its JSON (shortened).</summary>
    private static string? Detail(JsonElement denial, Func<string?, string> redact)
    {
        if (!denial.TryGetProperty("tool_input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var detail = GetString(input, "file_path") ?? GetString(input, "command") ?? GetString(input, "path") ?? input.GetRawText();
        return Shorten(redact(detail), DetailLimit);
    }

    internal static string Shorten(string text, int limit) =>
        text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit - 1), "…");

    internal static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static List<string> GetStrings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() ?? string.Empty : item.GetRawText()).ToList()
            : [];

    private static int? GetInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    private static long GetLong(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : 0;

    private static decimal GetDecimal(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return 0m;
        }

        // total_cost_usd is a binary double (0.00014000000000000001); round to what a currency amount means.
        return value.TryGetDecimal(out var exact) ? Math.Round(exact, 10, MidpointRounding.ToEven) : 0m;
    }
}
