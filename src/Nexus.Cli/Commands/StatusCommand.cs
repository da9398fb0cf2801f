using System.CommandLine;
using Nexus.Cli.Output;
using Nexus.Cli.Projects;
using Nexus.Cli.Setup;
using Nexus.Durable;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus status [ID] [--json]</c>: a project's status (JSON: the Durable status shape), or with no id the
/// system overview: uptime, projects, the KPIs, the team and the active projects (JSON: the KPIs).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        id.Description = "The project id; without one, the system overview (uptime, projects, KPIs per agent, active projects).";
        id.Arity = ArgumentArity.ZeroOrOne;
        var json = CliOptions.Json(
            "Print the Durable status object (name, instanceId, runtimeStatus, input, customStatus, output, createdTime, lastUpdatedTime); without an id, the KPIs.");
        var command = new Command("status", "Show a project's status, or without an id the whole system: uptime, projects and KPIs.") { id, json };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(id) is not { } projectId)
            {
                await using var service = ProjectServices.Open(parseResult, runWorker: false);
                var kpis = await service.GetKpisAsync(cancellationToken);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(Console.Out, kpis);
                }
                else
                {
                    var active = await service.ListAsync([OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended], cancellationToken);
                    await SystemStatusWriter.WriteAsync(Console.Out, kpis, active, service.Where);
                }

                return ExitCodes.Success;
            }

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
