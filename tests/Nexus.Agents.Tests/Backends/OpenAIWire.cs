using System.Text.Json;

namespace Nexus.Agents.Tests.Backends;

/// <summary>Bodies in the OpenAI chat completions wire format (whole, and streamed as Server-Sent Events).</summary>
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

    /// <summary>A streamed completion as the API sends it for <c>"stream": true</c>: a role chunk, the content in pieces of
    /// <paramref name="pieceLength"/> characters, a chunk with the finish reason, the usage chunk (empty choices) when the
    /// request asked for it (<c>stream_options.include_usage</c>), and <c>data: [DONE]</c>.</summary>
    public static string StreamedCompletion(
        string content, bool includeUsage, int pieceLength = 24, string model = "gpt-4.1", int promptTokens = 1000, int completionTokens = 500, string finishReason = "stop")
    {
        var events = new System.Text.StringBuilder();
        void Chunk(object delta, string? finishReason) => events.Append("data: ").Append(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-stream",
            @object = "chat.completion.chunk",
            created = 1763719200,
            model,
            choices = new[] { new { index = 0, delta, finish_reason = finishReason, logprobs = (object?)null } },
        })).Append("\n\n");

        Chunk(new { role = "assistant", content = string.Empty, refusal = (string?)null }, null);
        for (var i = 0; i < content.Length; i += pieceLength)
        {
            Chunk(new { content = content.Substring(i, Math.Min(pieceLength, content.Length - i)) }, null);
        }

        Chunk(new { }, finishReason);
        if (includeUsage)
        {
            events.Append("data: ").Append(JsonSerializer.Serialize(new
            {
                id = "chatcmpl-stream",
                @object = "chat.completion.chunk",
                created = 1763719200,
                model,
                choices = Array.Empty<object>(),
                usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
            })).Append("\n\n");
        }

        return events.Append("data: [DONE]\n\n").ToString();
    }

    /// <summary>The same answer as the whole <paramref name="completion"/> (a <c>chat.completion</c> body), streamed.</summary>
    public static string StreamOf(string completion, bool includeUsage)
    {
        using var json = JsonDocument.Parse(completion);
        var root = json.RootElement;
        var choice = root.GetProperty("choices")[0];
        var usage = root.GetProperty("usage");
        return StreamedCompletion(
            choice.GetProperty("message").GetProperty("content").GetString() ?? string.Empty,
            includeUsage,
            model: root.GetProperty("model").GetString() ?? "gpt-4.1",
            promptTokens: usage.GetProperty("prompt_tokens").GetInt32(),
            completionTokens: usage.GetProperty("completion_tokens").GetInt32(),
            finishReason: choice.GetProperty("finish_reason").GetString() ?? "stop");
    }

    public static string Reply(string summary, params object[] edits) => JsonSerializer.Serialize(new { summary, edits });

    public static object Write(string path, string content) => new { path, content, delete = false };

    public static object Delete(string path) => new { path, content = (string?)null, delete = true };

    public static string Error(string message, string type, string? code) =>
        JsonSerializer.Serialize(new { error = new { message, type, param = (string?)null, code } });

    public static string ModelNotFound(string model) =>
        Error($"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found");
}
