using Microsoft.Extensions.Logging;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends;

/// <content>Source-generated log messages (no prompts, no secrets).</content>
public sealed partial class AgentTurnRunner
{
    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Agent {AgentId}: {Backend} model {Model} failed ({Kind}, HTTP {StatusCode}); retry {Attempt} of {MaxRetries} in {DelayMs:F0} ms")]
    private partial void LogRetrying(string agentId, string backend, string? model, AgentErrorKind? kind, int? statusCode, int attempt, int maxRetries, double delayMs);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Agent {AgentId}: {Backend} model {FailedModel} failed ({Kind}); falling back to model {NextModel}")]
    private partial void LogFallingBack(string agentId, string backend, string? failedModel, string? nextModel, AgentErrorKind? kind);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Error, Message = "Agent {AgentId}: backend {Backend} threw {ExceptionType} instead of returning a failed result: {Error}")]
    private partial void LogBackendThrew(string agentId, string backend, string exceptionType, string error);
}
