using Microsoft.Extensions.Logging;

namespace Nexus.Durable.Worker;

/// <summary>The worker's log messages (stable event ids).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(1001, LogLevel.Information, "Worker {WorkerId} started")]
    public static partial void Started(ILogger logger, string workerId);

    [LoggerMessage(1002, LogLevel.Information, "Worker {WorkerId} stopped")]
    public static partial void Stopped(ILogger logger, string workerId);

    [LoggerMessage(1003, LogLevel.Warning, "Polling {Kind} work failed; retrying")]
    public static partial void PollFailed(ILogger logger, Exception exception, string kind);

    [LoggerMessage(1004, LogLevel.Warning, "Work item of {InstanceId} was abandoned: {Reason}")]
    public static partial void Abandoned(ILogger logger, string instanceId, string reason);

    [LoggerMessage(1005, LogLevel.Warning, "Lease lost for {InstanceId}; another worker has it")]
    public static partial void LeaseLost(ILogger logger, string instanceId);

    [LoggerMessage(1006, LogLevel.Error, "Work item of {InstanceId} parked as poison: {Reason}")]
    public static partial void Parked(ILogger logger, string instanceId, string reason);

    [LoggerMessage(1007, LogLevel.Error, "Orchestration {InstanceId} failed: {Message}")]
    public static partial void OrchestrationFailed(ILogger logger, string instanceId, string message);

    [LoggerMessage(1008, LogLevel.Warning, "Recording an activity result of {InstanceId} failed (attempt {Attempt}): {Reason}; retrying")]
    public static partial void RecordRetried(ILogger logger, string instanceId, int attempt, string reason);

    [LoggerMessage(1009, LogLevel.Warning, "The InstanceEnded callback failed for {InstanceId}: {Reason}")]
    public static partial void EndedCallbackFailed(ILogger logger, string instanceId, string reason);
}
