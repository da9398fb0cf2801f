using System.Text.Json;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Security;

namespace Nexus.Agents.Backends.Chat;

/// <summary>Classifies HTTP failures of chat APIs (OpenAI-compatible and Anthropic error bodies) into <see cref="AgentError"/>s.</summary>
/// <remarks>
/// 401/403 → <see cref="AgentErrorKind.Authentication"/>; a missing model (code <c>model_not_found</c> or
/// <c>DeploymentNotFound</c>, or a message saying the model "does not exist" / is "not found") →
/// <see cref="AgentErrorKind.ModelNotFound"/>; any other 404 → <see cref="AgentErrorKind.NotConfigured"/> (a wrong base
/// URL); 408, 409, 425, 429 and 5xx (Anthropic's 529 overloaded included) → <see cref="AgentErrorKind.Transient"/>;
/// the rest → <see cref="AgentErrorKind.Unknown"/>.
/// </remarks>
internal static class ChatErrorClassifier
{
    private const int MaxMessageLength = 600;

    internal static AgentError Classify(string backend, int status, string? body, string? fallbackMessage, SecretRedactor redactor)
    {
        var (code, type, message) = ReadErrorBody(body);
        var detail = message ?? fallbackMessage ?? "no details";
        var text = Truncate(redactor.Redact($"{backend} answered HTTP {status}{(code ?? type) switch { null => string.Empty, var c => $" ({c})" }}: {detail}"));
        var kind = status switch
        {
            401 or 403 => AgentErrorKind.Authentication,
            _ when IsModelNotFound(code, type, detail, status) => AgentErrorKind.ModelNotFound,
            404 => AgentErrorKind.NotConfigured,
            408 or 409 or 425 or 429 or >= 500 => AgentErrorKind.Transient,
            _ => AgentErrorKind.Unknown,
        };
        return new AgentError(kind, text) { StatusCode = status };
    }

    internal static AgentError Connection(string backend, Exception exception, SecretRedactor redactor) =>
        new(AgentErrorKind.Transient, Truncate(redactor.Redact($"{backend} could not be reached: {exception.Message}")));

    internal static AgentError NetworkTimeout(string backend, TimeSpan timeout) =>
        new(AgentErrorKind.Timeout, $"{backend} did not answer within {timeout}.");

    private static bool IsModelNotFound(string? code, string? type, string message, int status) =>
        string.Equals(code, "model_not_found", StringComparison.OrdinalIgnoreCase)
        || string.Equals(code, "DeploymentNotFound", StringComparison.OrdinalIgnoreCase)
        || ((status is 400 or 404) && message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            && message.Contains("model", StringComparison.OrdinalIgnoreCase))
        || (status == 404 && (string.Equals(type, "not_found_error", StringComparison.OrdinalIgnoreCase) || message.Contains("not found", StringComparison.OrdinalIgnoreCase))
            && message.Contains("model", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads <c>{"error": {"code", "type", "message"}}</c> (OpenAI, Azure, Ollama, Anthropic), or a top-level <c>message</c>/<c>error</c> string.</summary>
    private static (string? Code, string? Type, string? Message) ReadErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            if (root.TryGetProperty("error", out var error))
            {
                return error.ValueKind switch
                {
                    JsonValueKind.Object => (Text(error, "code"), Text(error, "type"), Text(error, "message")),
                    JsonValueKind.String => (null, null, error.GetString()),
                    _ => (null, null, null),
                };
            }

            return (Text(root, "code"), Text(root, "type"), Text(root, "message"));
        }
        catch (JsonException)
        {
            return (null, null, Truncate(body.Trim()));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";
}
