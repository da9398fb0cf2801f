using System.Text.Json;

namespace Nexus.Testing.Claude;

/// <summary>What the fake Anthropic API answers to one <c>POST /v1/messages</c>.</summary>
public abstract record FakeReply
{
    /// <summary>A streamed assistant message with one text block (<c>stop_reason: end_turn</c>).</summary>
    public static FakeReply Text(string text) => new TextReply(text);

    /// <summary>A streamed assistant message with one <c>tool_use</c> block (<c>stop_reason: tool_use</c>).</summary>
    public static FakeReply ToolUse(string name, object input) =>
        new ToolUseReply(name, $"toolu_{Guid.NewGuid():N}", JsonSerializer.SerializeToElement(input));

    /// <summary>An HTTP error with the Anthropic error body <c>{"type":"error","error":{"type":…,"message":…}}</c>.</summary>
    public static FakeReply Error(int status, string type, string message) => new ErrorReply(status, type, message);

    /// <summary>Never answers (until the client goes away or the server stops).</summary>
    public static FakeReply Hang { get; } = new HangReply();

    internal sealed record TextReply(string Value) : FakeReply;

    internal sealed record ToolUseReply(string Name, string Id, JsonElement Input) : FakeReply;

    internal sealed record ErrorReply(int Status, string Type, string Message) : FakeReply;

    internal sealed record HangReply : FakeReply;
}
