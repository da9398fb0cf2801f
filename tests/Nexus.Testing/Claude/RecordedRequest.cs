using System.Text.Json;

namespace Nexus.Testing.Claude;

/// <summary>One <c>POST /v1/messages</c> the fake received, with readers for what tests assert on.</summary>
public sealed record RecordedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    /// <summary>The <c>model</c> field.</summary>
    public string Model => Body.TryGetProperty("model", out var model) ? model.GetString() ?? string.Empty : string.Empty;

    /// <summary>All <c>system</c> text (a string or an array of text blocks), joined.</summary>
    public string SystemText => Body.TryGetProperty("system", out var system) ? TextOf(system) : string.Empty;

    /// <summary>Every message as (role, text of its blocks); tool uses and results are rendered as <c>[tool_use Name …]</c>/<c>[tool_result …]</c>.</summary>
    public IReadOnlyList<(string Role, string Text)> Messages =>
        Body.TryGetProperty("messages", out var messages)
            ? messages.EnumerateArray().Select(message => (message.GetProperty("role").GetString() ?? string.Empty, TextOf(message.GetProperty("content")))).ToList()
            : [];

    /// <summary>The text of all messages, joined.</summary>
    public string AllMessagesText => string.Join('\n', Messages.Select(message => $"{message.Role}: {message.Text}"));

    /// <summary>Whether the last message carries a <c>tool_result</c> (so this is the follow-up of a tool use).</summary>
    public bool LastMessageHasToolResult =>
        Body.TryGetProperty("messages", out var messages) && messages.GetArrayLength() > 0 &&
        messages[messages.GetArrayLength() - 1].GetProperty("content") is { ValueKind: JsonValueKind.Array } content &&
        content.EnumerateArray().Any(block => block.TryGetProperty("type", out var type) && type.GetString() == "tool_result");

    /// <summary>The names of the tools offered to the model.</summary>
    public IReadOnlyList<string> ToolNames =>
        Body.TryGetProperty("tools", out var tools)
            ? tools.EnumerateArray().Select(tool => tool.TryGetProperty("name", out var name) ? name.GetString() ?? string.Empty : string.Empty).ToList()
            : [];

    private static string TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Join('\n', content.EnumerateArray().Select(BlockText)),
        _ => string.Empty,
    };

    private static string BlockText(JsonElement block)
    {
        var type = block.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        return type switch
        {
            "text" => block.GetProperty("text").GetString() ?? string.Empty,
            "tool_use" => $"[tool_use {block.GetProperty("name").GetString()} {block.GetProperty("input").GetRawText()}]",
            "tool_result" => $"[tool_result {(block.TryGetProperty("content", out var content) ? TextOf(content) : string.Empty)}]",
            _ => $"[{type}]",
        };
    }
}
