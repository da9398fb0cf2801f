using Nexus.Durable.History;

namespace Nexus.Durable.Sdk;

/// <summary>The failures Microsoft's worker reports for a task name it has no registration for (its gRPC processor's
/// error types and messages, non-retriable, without a stack trace), so a caller sees the same failure on NEXUS.</summary>
internal static class SdkTaskNotFound
{
    public static FailureDetails Activity(string name) =>
        new("ActivityTaskNotFound", $"No activity task named '{name}' was found.", IsNonRetriable: true);

    public static FailureDetails Orchestrator(string name) =>
        new("OrchestratorTaskNotFound", $"No orchestrator task named '{name}' was found.", IsNonRetriable: true);
}
