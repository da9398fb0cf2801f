using System.Text.Json;

namespace Nexus.Agents.Tests.Backends;

/// <summary>Bodies in the Anthropic Messages wire format (whole, and streamed as Server-Sent Events).</summary>
internal static class AnthropicWire
{
    public static string ToolUse(string toolName, object input, string model = "claude-sonnet-4-5", int inputTokens = 2000, int outputTokens = 400) =>
        JsonSerializer.Serialize(new
        {
            id = "msg_test",
            type = "message",
            role = "assistant",
            model,
            content = new object[]
            {
                new { type = "text", text = "Submitting." },
                new { type = "tool_use", id = "toolu_test", name = toolName, input },
            },
            stop_reason = "tool_use",
            stop_sequence = (string?)null,
            usage = new { input_tokens = inputTokens, output_tokens = outputTokens },
        });

    /// <summary>A forced tool call as the API streams it for <c>"stream": true</c>: <c>message_start</c> (input tokens), a
    /// text block, the tool_use block whose input arrives as <c>input_json_delta</c> pieces of <paramref name="pieceLength"/>
    /// characters, <c>message_delta</c> (stop reason, output tokens) and, unless <paramref name="cut"/>, <c>message_stop</c>.</summary>
    public static string StreamedToolUse(string toolName, object input, int pieceLength = 16, int inputTokens = 2000, int outputTokens = 400, bool cut = false)
    {
        var events = new System.Text.StringBuilder();
        void Event(string name, object data) => events.Append("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(data)).Append("\n\n");
        Event("message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_stream", type = "message", role = "assistant", model = "claude-sonnet-4-5", content = Array.Empty<object>(),
                stop_reason = (string?)null, stop_sequence = (string?)null, usage = new { input_tokens = inputTokens, output_tokens = 1 },
            },
        });
        Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = string.Empty } });
        Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = "Submitting." } });
        Event("content_block_stop", new { type = "content_block_stop", index = 0 });
        Event("content_block_start", new { type = "content_block_start", index = 1, content_block = new { type = "tool_use", id = "toolu_stream", name = toolName, input = new { } } });
        var json = JsonSerializer.Serialize(input);
        for (var i = 0; i < json.Length; i += pieceLength)
        {
            Event("content_block_delta", new { type = "content_block_delta", index = 1, delta = new { type = "input_json_delta", partial_json = json.Substring(i, Math.Min(pieceLength, json.Length - i)) } });
        }

        Event("content_block_stop", new { type = "content_block_stop", index = 1 });
        Event("message_delta", new { type = "message_delta", delta = new { stop_reason = "tool_use", stop_sequence = (string?)null }, usage = new { output_tokens = outputTokens } });
        if (!cut)
        {
            Event("message_stop", new { type = "message_stop" });
        }

        return events.ToString();
    }

    public static string TextOnly(string text, string stopReason = "end_turn") =>
        JsonSerializer.Serialize(new
        {
            id = "msg_test",
            type = "message",
            role = "assistant",
            model = "claude-sonnet-4-5",
            content = new object[] { new { type = "text", text } },
            stop_reason = stopReason,
            stop_sequence = (string?)null,
            usage = new { input_tokens = 10, output_tokens = 5 },
        });

    public static string Error(string type, string message) =>
        JsonSerializer.Serialize(new { type = "error", error = new { type, message } });
}
