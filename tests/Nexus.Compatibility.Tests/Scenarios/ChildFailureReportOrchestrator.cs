using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>
/// Runs <see cref="ThrowingOrchestrator"/> as a sub-orchestration, catches its <see cref="TaskFailedException"/> and
/// returns the failure details: an orchestrator's own exception, as the backend delivers it to the parent.
/// </summary>
public sealed class ChildFailureReportOrchestrator : TaskOrchestrator<string?, FailureSummary?>
{
    public override async Task<FailureSummary?> RunAsync(TaskOrchestrationContext context, string? input)
    {
        try
        {
            await context.CallSubOrchestratorAsync<string>(nameof(ThrowingOrchestrator), input);
            return null;
        }
        catch (TaskFailedException failure)
        {
            return FailureSummary.Of(failure.FailureDetails);
        }
    }
}
