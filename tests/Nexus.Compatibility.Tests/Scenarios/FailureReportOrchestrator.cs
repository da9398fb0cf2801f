using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>
/// Runs <see cref="FailingActivityOrchestrator"/> as a sub-orchestration, catches its <see cref="TaskFailedException"/>
/// and returns the failure details it carries as a <see cref="FailureSummary"/>: the failed child's own failure
/// details, as the backend delivered them to the parent.
/// </summary>
public sealed class FailureReportOrchestrator : TaskOrchestrator<string?, FailureSummary?>
{
    public override async Task<FailureSummary?> RunAsync(TaskOrchestrationContext context, string? input)
    {
        try
        {
            await context.CallSubOrchestratorAsync<string>(nameof(FailingActivityOrchestrator), input);
            return null;
        }
        catch (TaskFailedException failure)
        {
            return FailureSummary.Of(failure.FailureDetails);
        }
    }
}
