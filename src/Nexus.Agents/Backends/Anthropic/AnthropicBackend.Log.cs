using Microsoft.Extensions.Logging;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Anthropic;

/// <content>Source-generated log messages. Messages are redacted before they get here; keys never do.</content>
public sealed partial class AnthropicBackend
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "Agent {AgentId}: {Backend} turn with model {Model} at {Host}")]
    private partial void LogTurnStarting(string agentId, string backend, string model, string host);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Agent {AgentId}: {Backend} turn with model {Model} succeeded, {ChangedFiles} file(s) changed, {InputTokens}+{OutputTokens} tokens in {ElapsedMs:F0} ms")]
    private partial void LogTurnSucceeded(string agentId, string backend, string? model, int changedFiles, long inputTokens, long outputTokens, double elapsedMs);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Agent {AgentId}: {Backend} turn with model {Model} failed ({Kind}, HTTP {StatusCode}): {Error}")]
    private partial void LogTurnFailed(string agentId, string backend, string? model, AgentErrorKind kind, int? statusCode, string error);
}
