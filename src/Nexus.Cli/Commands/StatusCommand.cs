using System.CommandLine;
using Nexus.Cli.Output;
using Nexus.Cli.Projects;
using Nexus.Cli.Setup;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus status ID [--json]</c>: a project's status (JSON: the Durable status shape).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var json = CliOptions.Json("Print the Durable status object (name, instanceId, runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime).");
        var command = new Command("status", "Show a project's status.") { id, json };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: false, cancellationToken: cancellationToken);
            if (parseResult.GetValue(json))
            {
                var status = await project.Projects.GetDurableStatusAsync(projectId, cancellationToken)
                    ?? throw new UsageException(project.Projects.UnknownProject(projectId));
                await CliJson.WriteAsync(Console.Out, status);
            }
            else
            {
                await ProjectStatusWriter.WriteAsync(Console.Out, project.View);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
