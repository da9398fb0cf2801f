using System.Text.Json;
using Nexus.Agents.Workspaces;

namespace Nexus.Agents.Backends.Chat;

/// <summary>A parsed chat-agent reply: its summary and its file edits.</summary>
internal sealed record ChatReply(string Summary, IReadOnlyList<FileEdit> Edits)
{
    /// <summary>Parses a reply that follows <see cref="ChatReplyFormat.Schema"/>.</summary>
    /// <exception cref="FormatException">The text is not JSON or does not follow the schema; the message says where.</exception>
    internal static ChatReply Parse(string? text)
    {
        using var document = ParseJson(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the reply must be a JSON object with summary and edits");
        }

        if (!root.TryGetProperty("summary", out var summaryElement) || summaryElement.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("the reply's summary is missing or not a string");
        }

        var edits = new List<FileEdit>();
        if (root.TryGetProperty("edits", out var editsElement) && editsElement.ValueKind != JsonValueKind.Null)
        {
            if (editsElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the reply's edits must be an array");
            }

            var index = 0;
            foreach (var edit in editsElement.EnumerateArray())
            {
                index++;
                edits.Add(ParseEdit(edit, index));
            }
        }

        return new ChatReply(summaryElement.GetString()!, edits);
    }

    /// <summary>Parses JSON text, tolerating a Markdown code fence around it (some local models add one).</summary>
    /// <exception cref="FormatException">The text is empty or not JSON.</exception>
    internal static JsonDocument ParseJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("the reply is empty");
        }

        try
        {
            return JsonDocument.Parse(StripCodeFence(text));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the reply is not valid JSON ({ex.Message})", ex);
        }
    }

    private static FileEdit ParseEdit(JsonElement edit, int index)
    {
        if (edit.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"edit {index} must be an object with path, content and delete");
        }

        if (!edit.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"edit {index} has no path");
        }

        var delete = edit.TryGetProperty("delete", out var deleteElement) && deleteElement.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new FormatException($"edit {index} ({path.GetString()}): delete must be true or false"),
        };

        string? content = null;
        if (edit.TryGetProperty("content", out var contentElement))
        {
            content = contentElement.ValueKind switch
            {
                JsonValueKind.String => contentElement.GetString(),
                JsonValueKind.Null => null,
                _ => throw new FormatException($"edit {index} ({path.GetString()}): content must be a string or null"),
            };
        }

        // A model answering under a strict schema must send "content" with "delete": true; an empty string means none.
        if (delete && content is { Length: 0 })
        {
            content = null;
        }

        return new FileEdit(path.GetString()!, content, delete);
    }

    private static string StripCodeFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstNewLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var lastFence = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewLine > 0 && lastFence > firstNewLine ? trimmed[(firstNewLine + 1)..lastFence].Trim() : trimmed;
    }
}
