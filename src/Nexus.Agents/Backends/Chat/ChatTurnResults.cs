using System.Text.Json;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Security;
using Nexus.Agents.Workspaces;

namespace Nexus.Agents.Backends.Chat;

/// <summary>Turns a chat model's reply into an <see cref="AgentTurnResult"/>: parse, apply edits, redact.</summary>
internal static class ChatTurnResults
{
    /// <summary>Checks what must hold before paying for a model call.</summary>
    internal static AgentError? CheckPreconditions(AgentTurnRequest request, ChatPrompt prompt, string? model) =>
        string.IsNullOrWhiteSpace(model)
            ? new AgentError(AgentErrorKind.NotConfigured, $"No model is configured for agent '{request.Agent.Id}' and the backend has no default model.")
            : prompt.ExpectsEdits && !Directory.Exists(request.WorkspacePath)
                ? new AgentError(AgentErrorKind.NotConfigured, $"The workspace '{request.WorkspacePath}' does not exist.")
                : null;

    /// <summary>Completes a turn from the model's reply text.</summary>
    internal static AgentTurnResult FromReply(
        AgentTurnRequest request,
        ChatPrompt prompt,
        string backend,
        string model,
        string? replyText,
        AgentUsage usage,
        TimeSpan duration,
        SecretRedactor redactor,
        CancellationToken cancellationToken)
    {
        var result = new AgentTurnResult { Succeeded = true, Backend = backend, Model = model, Usage = usage, Duration = duration };
        if (!prompt.ExpectsEdits)
        {
            try
            {
                var structured = ParseRedacted(replyText, redactor);
                return result with { Text = structured.GetRawText(), StructuredOutput = structured };
            }
            catch (FormatException ex)
            {
                return Failure(result, AgentErrorKind.InvalidResponse, $"The model's structured reply is invalid: {redactor.Redact(ex.Message)}.");
            }
        }

        ChatReply reply;
        try
        {
            reply = ChatReply.Parse(replyText);
        }
        catch (FormatException ex)
        {
            return Failure(result, AgentErrorKind.InvalidResponse, $"The model's reply does not follow the edits format: {redactor.Redact(ex.Message)}.");
        }

        try
        {
            var changed = new FileEditApplier(request.WorkspacePath, AgentWritePolicy.For(request.Agent)).Apply(reply.Edits, cancellationToken);
            return result with { Text = redactor.Redact(reply.Summary), ChangedFiles = changed };
        }
        catch (FileEditRejectedException ex)
        {
            return Failure(result, AgentErrorKind.InvalidResponse, redactor.Redact(ex.Message));
        }
        catch (DirectoryNotFoundException ex)
        {
            return Failure(result, AgentErrorKind.NotConfigured, redactor.Redact(ex.Message));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failure(result, AgentErrorKind.Unknown, $"Applying the edits failed: {redactor.Redact(ex.Message)}");
        }
    }

    /// <summary>An unsuccessful result.</summary>
    internal static AgentTurnResult Failure(string backend, string? model, AgentError error, AgentUsage usage, TimeSpan duration) =>
        new() { Succeeded = false, Backend = backend, Model = model, Error = error, Usage = usage, Duration = duration };

    private static AgentTurnResult Failure(AgentTurnResult result, AgentErrorKind kind, string message) =>
        result with { Succeeded = false, Text = string.Empty, ChangedFiles = [], Error = new AgentError(kind, message) };

    /// <summary>Parses the JSON after redaction, so a secret the model echoed never reaches the history; falls back to the original when redaction breaks the JSON.</summary>
    private static JsonElement ParseRedacted(string? replyText, SecretRedactor redactor)
    {
        using var original = ChatReply.ParseJson(replyText);
        try
        {
            using var redacted = ChatReply.ParseJson(redactor.Redact(original.RootElement.GetRawText()));
            return redacted.RootElement.Clone();
        }
        catch (FormatException)
        {
            return original.RootElement.Clone();
        }
    }
}
