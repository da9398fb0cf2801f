using System.CommandLine;
using Nexus.Cli.Setup;
using Nexus.Durable;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus approve ID [--reject] [--feedback TEXT]</c>: answers the plan-approval gate.</summary>
internal static class ApproveCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var reject = new Option<bool>("--reject") { Description = "Reject the plan: Aria plans again (with --feedback)." };
        var feedback = new Option<string?>("--feedback") { Description = "What to change (with --reject) or notes for the team.", HelpName = "TEXT" };
        feedback.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (string.IsNullOrWhiteSpace(text))
            {
                result.AddError("--feedback needs a value");
            }
            else if (UserText.Describe(text, "--feedback") is { } problem)
            {
                result.AddError(problem);
            }
        });
        var command = new Command("approve", "Approve (or --reject) the plan of a project waiting at the approval gate (started with --approve-plan).")
        {
            id,
            reject,
            feedback,
        };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: false, cancellationToken: cancellationToken);
            var view = project.View;
            var phase = view.Status?.Phase ?? ProjectPhases.Plan;
            if (view.RuntimeStatus.IsTerminal())
            {
                throw new UsageException($"project {projectId} has already ended ({view.RuntimeStatus.ToString().ToLowerInvariant()})");
            }

            // Only a waiting gate takes a decision: kept for later, it could approve a plan nobody has seen. The decision
            // names the gate this status shows, so it cannot answer a newer one either.
            if (phase != ProjectPhases.Approval)
            {
                throw new UsageException($"project {projectId} is not waiting for approval (phase: {phase})");
            }

            var approved = !parseResult.GetValue(reject);
            var decision = new ApprovalDecision(approved, parseResult.GetValue(feedback)) { Gate = view.Status?.ApprovalGate };
            await project.Projects.ApproveAsync(projectId, decision, cancellationToken);
            var what = approved ? "approved" : "rejected (Aria plans again)";
            await Console.Out.WriteLineAsync($"plan of project {projectId} {what}");
            return ExitCodes.Success;
        });
        return command;
    }
}
