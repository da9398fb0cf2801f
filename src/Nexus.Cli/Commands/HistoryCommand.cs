using System.CommandLine;
using System.Globalization;
using Nexus.Cli.Output;
using Nexus.Cli.Setup;
using Nexus.Durable.History;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus history ID [--json]</c>: the project's orchestration history, event by event.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var json = CliOptions.Json("Print one JSON object: {instanceId, historyEvents: [...]}.");
        var command = new Command("history", "Show a project's history: every scheduled step, result, timer and event, in order.") { id, json };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: false, cancellationToken: cancellationToken);
            var history = await project.Projects.GetHistoryAsync(projectId, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await CliJson.WriteAsync(Console.Out, new ProjectHistory(projectId, history));
            }
            else
            {
                await WriteAsync(Console.Out, history);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, IReadOnlyList<HistoryEvent> history)
    {
        await output.WriteLineAsync($"{"#",4}  {"TIME",-20}  {"EVENT",-24}  {"TASK",4}  NAME / DETAIL");
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            var task = e.TaskId >= 0 ? e.TaskId.ToString(CultureInfo.InvariantCulture) : string.Empty;
            var detail = e.Failure is { } failure ? $"{e.Name} failed: {failure.Message}" : $"{e.Name} {e.Data}".Trim();
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"{i + 1,4}  {Formats.Time(e.Timestamp),-20}  {e.Kind,-24}  {task,4}  {Formats.Clip(detail, 120)}"));
        }

        await output.FlushAsync();
    }
}
