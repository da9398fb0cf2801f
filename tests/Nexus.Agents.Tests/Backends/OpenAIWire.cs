using System.Text.Json;

namespace Nexus.Agents.Tests.Backends;

/// <summary>Bodies in the OpenAI chat completions wire format (non-streaming).</summary>
internal static class OpenAIWire
{
    public static string Completion(string content, string model = "gpt-4.1", int promptTokens = 1000, int completionTokens = 500, string finishReason = "stop") =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1763719200,
            model,
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content, refusal = (string?)null }, finish_reason = finishReason, logprobs = (object?)null },
            },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });

    public static string Reply(string summary, params object[] edits) => JsonSerializer.Serialize(new { summary, edits });

    public static object Write(string path, string content) => new { path, content, delete = false };

    public static object Delete(string path) => new { path, content = (string?)null, delete = true };

    public static string Error(string message, string type, string? code) =>
        JsonSerializer.Serialize(new { error = new { message, type, param = (string?)null, code } });

    public static string ModelNotFound(string model) =>
        Error($"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found");
}
