using System.Text.Json;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Claude;

/// <summary>
/// Reads the CLI's stdout line by line as it arrives: keeps the session id and the final result, and turns
/// <c>stream-json</c> lines (init, tool uses, messages) into <see cref="AgentProgress"/> reports.
/// </summary>
/// <remarks>
/// <see cref="OnLine"/> is called on one pump thread at a time; the properties are read after the process has ended.
/// A progress receiver that throws is reported through <c>onProgressFailure</c> once and not called again, so a
/// faulty receiver can never fail the turn.
/// </remarks>
internal sealed class ClaudeOutputReader(
    string agentId,
    IProgress<AgentProgress>? progress,
    Func<string?, string> redact,
    Action<Exception> onProgressFailure)
{
    private const int MessageLimit = 300;
    private IProgress<AgentProgress>? _progress = progress;

    /// <summary>The session id seen so far (from the <c>init</c> line or any later line).</summary>
    public string? SessionId { get; private set; }

    /// <summary>The model named by the <c>init</c> line.</summary>
    public string? Model { get; private set; }

    /// <summary>The final result object, once its line has been read.</summary>
    public ClaudeResult? Result { get; private set; }

    /// <summary>Handles one line of stdout.</summary>
    public void OnLine(string line)
    {
        var trimmed = line.AsSpan().Trim();
        if (trimmed.Length == 0 || trimmed[0] != '{')
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(trimmed.ToString());
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            Read(document.RootElement);
        }
    }

    /// <summary>Parses <paramref name="stdout"/> as one JSON document when no result line was seen (pretty-printed output).</summary>
    public void ReadWhole(string stdout)
    {
        if (Result is not null || string.IsNullOrWhiteSpace(stdout))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(stdout);
            Read(document.RootElement);
        }
        catch (JsonException)
        {
            // Not one document: the caller falls back to stderr.
        }
    }

    private void Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (ClaudeResult.GetString(root, "session_id") is { Length: > 0 } sessionId)
        {
            SessionId = sessionId;
        }

        switch (ClaudeResult.GetString(root, "type"))
        {
            case "result":
                Result = ClaudeResult.Parse(root, redact);
                break;
            case "system":
                ReadSystem(root);
                break;
            case "assistant":
                ReadMessage(root, assistant: true);
                break;
            case "user":
                ReadMessage(root, assistant: false);
                break;
            default:
                break;
        }
    }

    private void ReadSystem(JsonElement root)
    {
        switch (ClaudeResult.GetString(root, "subtype"))
        {
            case "init":
                Model = ClaudeResult.GetString(root, "model");
                Report($"Claude Code session {SessionId} started (model {Model ?? "default"}, {ClaudeResult.GetString(root, "permissionMode") ?? "default"} permissions)");
                break;
            case "api_retry":
                Report("The model API failed; Claude Code is retrying");
                break;
            default:
                break;
        }
    }

    private void ReadMessage(JsonElement root, bool assistant)
    {
        if (!root.TryGetProperty("message", out var message) || !message.TryGetProperty("content", out var content) ||
            content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            switch (ClaudeResult.GetString(block, "type"))
            {
                case "tool_use" when assistant:
                    Report(DescribeToolUse(block));
                    break;
                case "text" when assistant && ClaudeResult.GetString(block, "text") is { Length: > 0 } text:
                    Report(text.Trim());
                    break;
                case "tool_result" when !assistant && block.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True:
                    Report($"Tool failed: {ToolResultText(block)}");
                    break;
                default:
                    break;
            }
        }
    }

    private static string DescribeToolUse(JsonElement block)
    {
        var name = ClaudeResult.GetString(block, "name") ?? "tool";
        if (!block.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            return $"Using {name}";
        }

        var target = ClaudeResult.GetString(input, "file_path") ?? ClaudeResult.GetString(input, "command") ??
            ClaudeResult.GetString(input, "pattern") ?? ClaudeResult.GetString(input, "path") ??
            ClaudeResult.GetString(input, "description");
        return target is null ? $"Using {name}" : $"Using {name}: {target}";
    }

    private static string ToolResultText(JsonElement block)
    {
        if (!block.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? string.Empty,
            JsonValueKind.Array => string.Join(' ', content.EnumerateArray().Select(item => ClaudeResult.GetString(item, "text")).OfType<string>()),
            _ => string.Empty,
        };
    }

    private void Report(string message)
    {
        if (_progress is not { } receiver)
        {
            return;
        }

        try
        {
            receiver.Report(new AgentProgress(agentId, ClaudeResult.Shorten(redact(message), MessageLimit)));
        }
        catch (Exception ex)
        {
            _progress = null;
            onProgressFailure(ex);
        }
    }
}
