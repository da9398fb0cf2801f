using System.CommandLine;
using System.Globalization;
using Nexus.Cli.Live;
using Nexus.Cli.Output;
using Nexus.Cli.Setup;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus agents ID [--json]</c>: the project's agents: status, backend, model, session, turns, tokens, cost.</summary>
internal static class AgentsCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var json = CliOptions.Json();
        var command = new Command("agents", "Show a project's agents: status, backend, model, session, turns, tokens and cost.") { id, json };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: false, cancellationToken: cancellationToken);
            var sessions = (await project.Projects.GetAgentsAsync(projectId, cancellationToken)).ToDictionary(s => s.Agent, StringComparer.Ordinal);
            var live = project.View.Status;
            var agents = TeamOrder.Of(live)
                .Select(agent =>
                {
                    var state = live?.Agents.GetValueOrDefault(agent);
                    var session = sessions.GetValueOrDefault(agent);
                    return new ProjectAgent(agent, state?.Status ?? session?.Status ?? "idle", state?.Progress ?? 0, session);
                })
                .ToList();
            if (parseResult.GetValue(json))
            {
                await CliJson.WriteAsync(Console.Out, new ProjectAgents(projectId, agents));
            }
            else
            {
                await WriteAsync(Console.Out, agents);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, IReadOnlyList<ProjectAgent> agents)
    {
        await output.WriteLineAsync($"{"AGENT",-6}  {"STATUS",-8}  {"PROGRESS",8}  {"BACKEND",-12}  {"MODEL",-24}  {"TURNS",5}  {"TOKENS",9}  {"COST",9}  SESSION");
        foreach (var a in agents)
        {
            var s = a.Session;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{TerminalText.EscapeLine(a.Agent),-6}  {TerminalText.EscapeLine(a.Status),-8}  {Formats.Percent(a.Progress),8}  {TerminalText.EscapeLine(s?.Backend ?? "-"),-12}  {Formats.Clip(s?.Model ?? "-", 24),-24}  {s?.Turns ?? 0,5}  {s?.Tokens ?? 0,9}  {Formats.Cost(s?.CostUsd ?? 0),9}  {TerminalText.EscapeLine(s?.SessionId ?? "-")}"));
        }

        await output.FlushAsync();
    }
}
