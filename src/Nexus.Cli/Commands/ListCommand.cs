using System.CommandLine;
using System.Globalization;
using Nexus.Cli.Output;
using Nexus.Cli.Projects;
using Nexus.Cli.Remote;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus list [--status S[,S…]] [--json]</c>: the projects in the data directory (or on a host), oldest first.</summary>
internal static class ListCommand
{
    private static readonly string[] _statuses = [.. Enum.GetNames<OrchestrationRuntimeStatus>().Select(n => n.ToLowerInvariant())];

    public static Command Create()
    {
        var status = new Option<string?>("--status")
        {
            Description = $"Only projects with these statuses (comma-separated: {string.Join(", ", _statuses)}).",
            HelpName = "S",
        };
        status.Validators.Add(result =>
        {
            foreach (var name in Split(result.GetValueOrDefault<string?>()))
            {
                if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(name, out _))
                {
                    result.AddError($"unknown status '{name}' (use {string.Join(", ", _statuses)})");
                }
            }
        });
        var json = CliOptions.Json();
        var command = new Command("list", "List the projects (of the data directory, or of the host with --server).") { status, json };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var filter = Split(parseResult.GetValue(status)).Select(n => Enum.Parse<OrchestrationRuntimeStatus>(n, ignoreCase: true)).ToArray();
            await using var service = ProjectServices.Open(parseResult, runWorker: false);
            var projects = await service.ListAsync(filter, cancellationToken);
            if (parseResult.GetValue(json))
            {
                var items = projects.Select(ProjectListItem.From).ToList();
                await CliJson.WriteAsync(Console.Out, service is RemoteProjectService remote
                    ? new ProjectList(null, remote.Address, items)
                    : new ProjectList(((LocalProjectService)service).Options.DataPath, null, items));
            }
            else
            {
                await WriteTableAsync(Console.Out, projects, service.Where);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string[] Split(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<ProjectView> projects, string where)
    {
        if (projects.Count == 0)
        {
            await output.WriteLineAsync($"no projects {where}");
            return;
        }

        var rows = projects.Select(ProjectListItem.From).ToList();
        var idWidth = Math.Max(2, rows.Max(r => TerminalText.EscapeLine(r.Id).Length));
        await output.WriteLineAsync($"{"ID".PadRight(idWidth)}  {"STATUS",-10}  {"PHASE",-11}  {"ITER",4}  {"COST",9}  {"CREATED",-20}  DESCRIPTION");
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{TerminalText.EscapeLine(row.Id).PadRight(idWidth)}  {Formats.Status(row.RuntimeStatus),-10}  {TerminalText.EscapeLine(row.Phase ?? "-"),-11}  {row.Iterations,4}  {Formats.Cost(row.CostUsd),9}  {Formats.Time(row.CreatedTime),-20}  {Formats.Clip(row.Description, 60)}"));
        }

        await output.FlushAsync();
    }
}
