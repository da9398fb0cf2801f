using Microsoft.Extensions.Logging;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Claude;

public sealed partial class ClaudeCodeBackend
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug,
        Message = "Claude turn of {AgentId} ({StepKey}) starting: model {Model}, resume {SessionId}, fork {Fork}")]
    private partial void LogTurnStarting(string agentId, string stepKey, string? model, string? sessionId, bool fork);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Claude turn of {AgentId} ({StepKey}) finished: succeeded {Succeeded}, error {ErrorKind}, session {SessionId}, {Seconds:0.0} s")]
    private partial void LogTurnFinished(string agentId, string stepKey, bool succeeded, AgentErrorKind? errorKind, string? sessionId, double seconds);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "Claude session {SessionId} of {AgentId} ({StepKey}) has expired; starting a fresh, seeded session")]
    private partial void LogSessionExpired(string agentId, string stepKey, string sessionId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning,
        Message = "The progress receiver of {AgentId} failed; no more progress is reported for this turn")]
    private partial void LogProgressFailed(string agentId, Exception exception);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning,
        Message = "The reply of {AgentId} ({StepKey}) was not the structured output asked for; correction {Correction} in session {SessionId}")]
    private partial void LogReplyRejected(string agentId, string stepKey, string sessionId, int correction);
}
