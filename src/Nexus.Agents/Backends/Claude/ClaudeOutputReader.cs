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
/// faulty receiver can never fail the turn. Lines that are not JSON objects (a partial line cut by a killed process,
/// a warning) are skipped; the durable result is only ever the final <c>result</c> object.
/// Files a tool works on are named relative to <c>workspace</c> when they are inside it.
/// </remarks>
internal sealed class ClaudeOutputReader(
    string agentId,
    IProgress<AgentProgress>? progress,
    Func<string?, string> redact,
    Action<Exception> onProgressFailure,
    string? workspace = null)
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
            try
            {
                Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // JSON of a shape this reader does not know (a value where an object was expected): skipped like a
                // malformed line, so no line can fail the turn from the output pump.
            }
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
                Report($"Claude Code session {SessionId} started (model {Model ?? "default"}, {ClaudeResult.GetString(root, "permissionMode") ?? "default"} permissions)", AgentProgressKind.Session);
                break;
            case "api_retry":
                Report(ApiRetryText(root), AgentProgressKind.Retry);
                break;
            default:
                break;
        }
    }

    private void ReadMessage(JsonElement root, bool assistant)
    {
        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object ||
            !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            switch (ClaudeResult.GetString(block, "type"))
            {
                case "tool_use" when assistant:
                    ReportToolUse(block);
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

    private void ReportToolUse(JsonElement block)
    {
        var name = ClaudeResult.GetString(block, "name") ?? "tool";
        var target = block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object ? TargetOf(input) : null;
        var shown = target is null ? null : redact(target);
        Report(shown is null ? name : $"{name} {shown}", AgentProgressKind.Tool, name, shown);
    }

    /// <summary>What a tool works on: a file (relative to the workspace), else the first line of a command, a pattern, a
    /// path, a URL or a description.</summary>
    private string? TargetOf(JsonElement input)
    {
        if ((ClaudeResult.GetString(input, "file_path") ?? ClaudeResult.GetString(input, "notebook_path")) is { Length: > 0 } file)
        {
            return RelativeToWorkspace(file);
        }

        if (ClaudeResult.GetString(input, "command") is { Length: > 0 } command)
        {
            var firstLine = command.Trim().Split('\n', 2)[0];
            return firstLine.Length < command.Trim().Length ? firstLine + " …" : firstLine;
        }

        var other = ClaudeResult.GetString(input, "pattern") ?? ClaudeResult.GetString(input, "path") ??
            ClaudeResult.GetString(input, "url") ?? ClaudeResult.GetString(input, "description");
        return other is { Length: > 0 } ? (ClaudeResult.GetString(input, "pattern") is null ? RelativeToWorkspace(other) : other) : null;
    }

    private string RelativeToWorkspace(string path)
    {
        if (workspace is null || !Path.IsPathRooted(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(workspace, path);
        return relative == "." ? "." : relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }

    private static string ApiRetryText(JsonElement root)
    {
        var attempt = root.TryGetProperty("attempt", out var a) && a.ValueKind == JsonValueKind.Number ? $" (attempt {a.GetRawText()})" : string.Empty;
        var why = ClaudeResult.GetString(root, "error") is { Length: > 0 } error ? $": {error}" : string.Empty;
        return $"The model API failed{why}; Claude Code is retrying{attempt}";
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

    private void Report(string message, AgentProgressKind kind = AgentProgressKind.Message, string? tool = null, string? target = null)
    {
        if (_progress is not { } receiver)
        {
            return;
        }

        try
        {
            receiver.Report(new AgentProgress(agentId, ClaudeResult.Shorten(redact(message), MessageLimit), Kind: kind, Tool: tool,
                Target: target is null ? null : ClaudeResult.Shorten(target, MessageLimit)));
        }
        catch (Exception ex)
        {
            _progress = null;
            onProgressFailure(ex);
        }
    }
}
