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
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
            {
                result.AddError("--feedback needs a value");
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

            // Before the gate is reached the decision waits for it (a plan can be approved while Aria still writes it);
            // a project that never asked for approval would never read it.
            var early = phase == ProjectPhases.Plan && view.Request?.ApprovePlan == true;
            if (phase != ProjectPhases.Approval && !early)
            {
                throw new UsageException($"project {projectId} is not waiting for approval (phase {phase})");
            }

            var approved = !parseResult.GetValue(reject);
            await project.Projects.ApproveAsync(projectId, new ApprovalDecision(approved, parseResult.GetValue(feedback)), cancellationToken);
            var what = approved ? "approved" : "rejected (Aria plans again)";
            var when = early ? "; the decision applies when the plan is ready" : string.Empty;
            await Console.Out.WriteLineAsync($"plan of project {projectId} {what}{when}");
            return ExitCodes.Success;
        });
        return command;
    }
}
