using System.CommandLine;
using Nexus.Cli.Setup;
using Nexus.Durable;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus purge ID</c>: deletes an ended project's history, state and files (its workspace too).</summary>
internal static class PurgeCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var command = new Command("purge", "Delete an ended project's history and state from the store, and its files (workspace, agent home, scratchpads).") { id };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: false, cancellationToken: cancellationToken);
            if (project.View.RuntimeStatus.IsActive())
            {
                throw new UsageException(
                    $"project {projectId} is still {project.View.RuntimeStatus.ToString().ToLowerInvariant()}; cancel it first: nexus cancel {projectId}{project.Projects.SameTarget}");
            }

            var removed = await project.Projects.PurgeAsync(projectId, cancellationToken);
            await Console.Out.WriteLineAsync($"project {projectId} purged ({removed} instance(s)); its files are deleted {project.Projects.FilesOf(projectId)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
