using System.CommandLine;
using Nexus.Cli.Projects;
using Nexus.Cli.Setup;
using Nexus.Durable;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus cancel ID</c>: stops a running project (its running agent is stopped; the status becomes Terminated).</summary>
internal static class CancelCommand
{
    /// <summary>How long to wait for the worker that owns the project to stop it.</summary>
    private static readonly TimeSpan _confirmWait = TimeSpan.FromSeconds(5);

    /// <summary>How often the project is read again while waiting (another process's changes do not notify this one).</summary>
    private static readonly TimeSpan _confirmTick = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var command = new Command("cancel", "Cancel a running project: its running agent is stopped and it ends as terminated.") { id };
        CliOptions.AddServer(command);
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
            if (await StoppedAsync(project.Projects, projectId, cancellationToken))
            {
                await Console.Out.WriteLineAsync($"project {projectId} cancelled");
            }
            else
            {
                await Console.Out.WriteLineAsync(project.Projects.IsRemote
                    ? $"cancel requested for project {projectId}; it stops as soon as the server's worker handles the request"
                    : $"cancel requested for project {projectId}; it stops as soon as the process running it handles the request (when none is running: nexus resume {projectId}{project.Projects.SameTarget})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // Another process owns the work: this follows the project until it ends or the limit passes.
    private static async Task<bool> StoppedAsync(IProjectService projects, string projectId, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(_confirmWait, projects.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            await foreach (var view in projects.WatchAsync(projectId, _confirmTick, linked.Token))
            {
                if (view.RuntimeStatus.IsTerminal())
                {
                    return true;
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (InstanceNotFoundException)
        {
            return true; // purged meanwhile: nothing runs any more
        }
    }
}
