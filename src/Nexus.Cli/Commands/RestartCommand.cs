using System.CommandLine;
using Nexus.Cli.Live;
using Nexus.Cli.Setup;
using Nexus.Durable;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus restart ID [--json]</c>: runs a finished project again from the start with its own request and id, in
/// this process (with <c>--server</c>: on the host), and shows it live.</summary>
/// <remarks>The one deliberate replacement: the project's history, status and report are replaced; its workspace keeps
/// the earlier commits. A project that has not finished is refused (follow it with <c>nexus resume</c>).</remarks>
internal static class RestartCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var json = CliOptions.Json("Print one JSON object with the outcome instead of live progress and a summary.");
        var command = new Command(
            "restart",
            "Run a finished project again from the start with its own request and id (its history, status and report are " +
            "replaced; its workspace keeps the earlier commits). This process runs it and shows it live (with --server the host runs it).")
        {
            id,
            json,
        };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: true, cancellationToken: cancellationToken);
            var target = project.Projects.SameTarget;
            if (project.View.RuntimeStatus.IsActive())
            {
                throw new UsageException(
                    $"project {projectId} is still {project.View.RuntimeStatus.ToString().ToLowerInvariant()}; only a finished project can be restarted: " +
                    $"follow it with: nexus resume {projectId}{target}, or cancel it first: nexus cancel {projectId}{target}");
            }

            try
            {
                await project.Projects.RestartAsync(projectId, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(ProjectLauncher.WithoutParameterName(e));
            }

            var mode = ProjectFollower.ModeFor(parseResult.GetValue(json));
            if (mode != OutputMode.Json)
            {
                await Console.Out.WriteLineAsync($"restarting project {projectId} from the start (it was {project.View.RuntimeStatus.ToString().ToLowerInvariant()})");
            }

            return await new ProjectFollower(project.Projects, mode).FollowAsync(projectId, cancellationToken);
        });
        return command;
    }
}
