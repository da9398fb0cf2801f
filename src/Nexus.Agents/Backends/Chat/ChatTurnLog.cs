using Microsoft.Extensions.Logging;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Chat;

/// <summary>The log messages of the chat backends (OpenAI-compatible, Anthropic); the backend's name is a parameter.
/// Messages are redacted before they get here; keys never do.</summary>
internal static partial class ChatTurnLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Agent {AgentId}: {Backend} turn with model {Model} at {Host}")]
    public static partial void Starting(ILogger logger, string agentId, string backend, string model, string host);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Agent {AgentId}: {Backend} turn with model {Model} succeeded, {ChangedFiles} file(s) changed, {InputTokens}+{OutputTokens} tokens in {ElapsedMs:F0} ms")]
    private static partial void Succeeded(ILogger logger, string agentId, string backend, string? model, int changedFiles, long inputTokens, long outputTokens, double elapsedMs);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Agent {AgentId}: {Backend} turn with model {Model} failed ({Kind}, HTTP {StatusCode}): {Error}")]
    private static partial void Failed(ILogger logger, string agentId, string backend, string? model, AgentErrorKind kind, int? statusCode, string error);

    /// <summary>Logs a finished turn: success with its usage, or the classified failure.</summary>
    public static void Finished(ILogger logger, AgentTurnRequest request, string backend, AgentTurnResult result)
    {
        if (result.Succeeded)
        {
            Succeeded(logger, request.Agent.Id, backend, result.Model, result.ChangedFiles.Count, result.Usage.InputTokens, result.Usage.OutputTokens, result.Duration.TotalMilliseconds);
        }
        else
        {
            Failed(logger, request.Agent.Id, backend, result.Model, result.Error!.Kind, result.Error.StatusCode, result.Error.Message);
        }
    }
}
