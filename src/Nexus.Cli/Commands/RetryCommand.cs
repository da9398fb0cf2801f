using System.CommandLine;
using System.Globalization;
using Nexus.Cli.Live;
using Nexus.Cli.Output;
using Nexus.Cli.Setup;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus retry ID [--max-iterations N] [--budget-usd X] [--json]</c>: continues a failed or terminated project
/// from the step that did not finish, in this process (with <c>--server</c>: on the host), and shows it live.</summary>
internal static class RetryCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var maxIterations = CreateMaxIterations();
        var budget = RunOptions.CreateBudget();
        budget.Description = "A new spending cap in USD for the whole project (what it spent so far counts; default: its own).";
        var json = CliOptions.Json("Print one JSON object with the outcome instead of live progress and a summary.");
        var command = new Command(
            "retry",
            "Continue a failed or terminated project from the step that did not finish: finished steps are not run again, their " +
            "commits and sessions stay. This process runs it and shows it live (with --server the host runs it).")
        {
            id,
            maxIterations,
            budget,
            json,
        };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: true, cancellationToken: cancellationToken);
            var limits = new RetryLimits { MaxIterations = parseResult.GetValue(maxIterations), BudgetUsd = parseResult.GetValue(budget) };
            try
            {
                await project.Projects.RetryAsync(projectId, limits, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            var mode = ProjectFollower.ModeFor(parseResult.GetValue(json));
            if (mode != OutputMode.Json && await project.Projects.GetAsync(projectId, cancellationToken) is { Request: { Retry: { } retry } request })
            {
                var budgetText = request.BudgetUsd is { } usd ? string.Create(CultureInfo.InvariantCulture, $", budget ${usd:0.##}") : string.Empty;
                await Console.Out.WriteLineAsync(TerminalText.EscapeLine(
                    $"retrying project {projectId} (retry {retry.Attempt}, max iterations {request.MaxIterations}{budgetText}) after: {retry.PreviousReason ?? retry.PreviousStatus.ToLowerInvariant()}"));
            }

            return await new ProjectFollower(project.Projects, mode).FollowAsync(projectId, cancellationToken);
        });
        return command;
    }

    private static Option<int?> CreateMaxIterations() => new("--max-iterations")
    {
        Description = $"A new iteration limit (1–{RunOptions.MaxIterationsLimit}), counted from the project's start (default: its own).",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = RunOptions.OptionText(result);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value is < 1 or > RunOptions.MaxIterationsLimit)
            {
                result.AddError($"--max-iterations must be a whole number between 1 and {RunOptions.MaxIterationsLimit}, not '{text}'");
                return null;
            }

            return value;
        },
    };
}
