using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>
/// Calls a task no worker has registered — the activity <see cref="MissingActivity"/> for input <c>"activity"</c>, the
/// orchestrator <see cref="MissingOrchestrator"/> otherwise — catches the <see cref="TaskFailedException"/> and returns
/// its failure details: what the worker reports for a name it does not know.
/// </summary>
public sealed class MissingTaskOrchestrator : TaskOrchestrator<string, FailureSummary?>
{
    public const string MissingActivity = "NoSuchActivity";

    public const string MissingOrchestrator = "NoSuchOrchestrator";

    public override async Task<FailureSummary?> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            if (input == "activity")
            {
                await context.CallActivityAsync<string>(MissingActivity, "x");
            }
            else
            {
                await context.CallSubOrchestratorAsync<string>(MissingOrchestrator, "x");
            }

            return null;
        }
        catch (TaskFailedException failure)
        {
            return FailureSummary.Of(failure.FailureDetails);
        }
    }
}
