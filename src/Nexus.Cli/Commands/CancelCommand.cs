using System.CommandLine;
using Nexus.Cli.Setup;
using Nexus.Durable;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus cancel ID</c>: stops a running project (its running agent is stopped; the status becomes Terminated).</summary>
internal static class CancelCommand
{
    /// <summary>How long to wait for the worker that owns the project to stop it.</summary>
    private static readonly TimeSpan _confirmWait = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var command = new Command("cancel", "Cancel a running project: its running agent is stopped and it ends as terminated.") { id };
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: false, cancellationToken: cancellationToken);
            if (project.View.RuntimeStatus.IsTerminal())
            {
                await Console.Out.WriteLineAsync($"project {projectId} has already ended ({project.View.RuntimeStatus.ToString().ToLowerInvariant()}); nothing to cancel");
                return ExitCodes.Success;
            }

            await project.Projects.CancelAsync(projectId, "cancelled by the user (nexus cancel)", cancellationToken);
            if (await StoppedAsync(project, projectId, cancellationToken))
            {
                await Console.Out.WriteLineAsync($"project {projectId} cancelled");
            }
            else
            {
                await Console.Out.WriteLineAsync(
                    $"cancel requested for project {projectId}; it stops as soon as the process running it handles the request (when none is running: nexus resume {projectId})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // Another process owns the work; its notifications do not reach us, so this reads again at each tick until the limit.
    private static async Task<bool> StoppedAsync(OpenProject project, string projectId, CancellationToken cancellationToken)
    {
        var time = project.Runtime.Options.TimeProvider;
        var deadline = time.GetTimestamp() + (long)(_confirmWait.TotalSeconds * time.TimestampFrequency);
        while (time.GetTimestamp() < deadline)
        {
            await project.Projects.WaitForChangeAsync(projectId, TimeSpan.FromMilliseconds(250), cancellationToken);
            if ((await project.Projects.GetAsync(projectId, cancellationToken: cancellationToken))?.RuntimeStatus.IsTerminal() != false)
            {
                return true;
            }
        }

        return false;
    }
}
