using System.CommandLine;
using Nexus.Cli.Live;
using Nexus.Cli.Setup;
using Nexus.Durable;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus resume ID [--json]</c>: re-attaches to a project; this process's worker carries it on from the store
/// (with <c>--server</c>: the host carries it on, and this follows it live).</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var id = CliOptions.ProjectId();
        var json = CliOptions.Json("Print one JSON object with the outcome instead of live progress and a summary.");
        var command = new Command(
            "resume",
            "Re-attach to a project (after Ctrl-C or a crash): this process continues it from the store and shows it live until it ends. " +
            "With --server the host runs it and this shows it live.")
        {
            id,
            json,
        };
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var projectId = parseResult.GetRequiredValue(id);
            await using var project = await OpenProject.OpenAsync(parseResult, projectId, runWorker: true, cancellationToken: cancellationToken);
            var mode = ProjectFollower.ModeFor(parseResult.GetValue(json));
            var follower = new ProjectFollower(project.Projects, mode);
            if (project.View.RuntimeStatus.IsTerminal())
            {
                if (mode != OutputMode.Json)
                {
                    await Console.Out.WriteLineAsync($"project {projectId} has already ended.");
                }

                return await follower.ReportFinishedAsync(project.View);
            }

            if (mode != OutputMode.Json)
            {
                var status = project.View.Status;
                var what = project.Projects.IsRemote ? $"following project {projectId} {project.Projects.Where}" : $"resuming project {projectId}";
                await Console.Out.WriteLineAsync(
                    $"{what} ({project.View.RuntimeStatus.ToString().ToLowerInvariant()}, phase {status?.Phase ?? "plan"}, iteration {status?.Iteration ?? 0})");
            }

            // After a crash the killed process's lease holds its step for a few seconds more: say so instead of sitting silent
            // (also as live activity, for a dashboard on the same store).
            if (await project.Projects.AnnounceLeaseWaitAsync(projectId, cancellationToken) is { } wait && mode != OutputMode.Json)
            {
                await Console.Out.WriteLineAsync(Output.TerminalText.EscapeLine(wait));
            }

            return await follower.FollowAsync(projectId, cancellationToken);
        });
        return command;
    }
}
