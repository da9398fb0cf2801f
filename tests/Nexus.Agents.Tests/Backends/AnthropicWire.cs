using System.Text.Json;

namespace Nexus.Agents.Tests.Backends;

/// <summary>Bodies in the Anthropic Messages wire format (non-streaming).</summary>
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
