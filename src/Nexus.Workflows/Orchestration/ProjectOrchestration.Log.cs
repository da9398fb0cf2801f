using Microsoft.Extensions.Logging;

namespace Nexus.Workflows.Orchestration;

public sealed partial class ProjectOrchestration
{
    private const string LogCategory = "Nexus.Workflows.ProjectOrchestration";

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Project {ProjectId}: ignored an approval decision for gate {DecisionGate}; gate {WaitingGate} is waiting")]
    private static partial void LogStaleDecision(ILogger logger, string projectId, int decisionGate, int waitingGate);
}
