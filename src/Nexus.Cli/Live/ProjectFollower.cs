using Nexus.Cli.Output;
using Nexus.Cli.Projects;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Spectre.Console;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>Follows a project to its end (run, demo, resume, submit --wait), in the local store or on a host: live progress,
/// then the summary or the JSON object, and the exit code. Ctrl-C asks whether to cancel the project or leave it (to resume
/// later; on a host it goes on running).</summary>
internal sealed class ProjectFollower(IProjectService projects, OutputMode mode)
{
    /// <summary>How long a cancelled project may take to stop (its running agent is killed) before we stop waiting.</summary>
    private static readonly TimeSpan _cancelWait = TimeSpan.FromSeconds(30);

    /// <summary>The mode for this process: JSON when asked, the live view on an interactive terminal, else plain lines.</summary>
    public static OutputMode ModeFor(bool json) =>
        json ? OutputMode.Json
        : !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities is { Interactive: true, Ansi: true } ? OutputMode.Terminal
        : OutputMode.Plain;

    public async Task<int> FollowAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var watcher = new ProjectWatcher(projects);
        var display = Display();
        var canAsk = mode != OutputMode.Json && !Console.IsInputRedirected;
        var gateAnswered = false;
        bool PauseAtGate(ProjectView view)
        {
            var atGate = view.RuntimeStatus.IsActive() && view.Status?.Phase == ProjectPhases.Approval;
            gateAnswered &= atGate; // a new visit to the gate (after a re-plan) is asked again
            return canAsk && atGate && !gateAnswered;
        }

        using var interrupt = new InterruptSignal();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interrupt.Token);
        ProjectView final;
        try
        {
            while (true)
            {
                final = await display.FollowAsync(watcher, projectId, PauseAtGate, linked.Token);
                if (final.RuntimeStatus.IsTerminal())
                {
                    break;
                }

                gateAnswered = true;
                await new ApprovalPrompt(projects, ConsoleLineReader.Shared, Console.Error).AskAsync(final, linked.Token);
            }
        }
        catch (OperationCanceledException) when (interrupt.Interrupted && !cancellationToken.IsCancellationRequested)
        {
            return await OnInterruptAsync(projectId, interrupt, watcher, cancellationToken);
        }

        await ReportAsync(final, watcher);
        return ExitCodeOf(final);
    }

    /// <summary>The summary (or JSON) of a project that has already ended, and its exit code.</summary>
    public async Task<int> ReportFinishedAsync(ProjectView view)
    {
        await ReportAsync(view, new ProjectWatcher(projects));
        return ExitCodeOf(view);
    }

    private static int ExitCodeOf(ProjectView view) =>
        view.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? ExitCodes.Success : ExitCodes.Failed;

    private IProjectDisplay Display() => mode switch
    {
        OutputMode.Terminal => new ProjectProgressView(AnsiConsole.Console, projects.SameTarget),
        OutputMode.Json => new SilentDisplay(),
        _ => new PlainProgressWriter(Console.Out, projects.SameTarget),
    };

    private async Task ReportAsync(ProjectView view, ProjectWatcher watcher)
    {
        if (mode == OutputMode.Json)
        {
            await CliJson.WriteAsync(Console.Out, ProjectResult.From(view));
        }
        else
        {
            await ProjectSummaryWriter.WriteAsync(Console.Out, view, watcher.Elapsed(view), projects.SameTarget);
        }
    }

    private async Task<int> OnInterruptAsync(string projectId, InterruptSignal interrupt, ProjectWatcher watcher, CancellationToken cancellationToken)
    {
        if (!interrupt.Terminated && !Console.IsInputRedirected && await AskCancelAsync(projectId, interrupt, cancellationToken))
        {
            await Console.Error.WriteLineAsync($"nexus: cancelling project {projectId}…");
            await projects.CancelAsync(projectId, "cancelled by the user (Ctrl-C)", cancellationToken);
            using var limit = new CancellationTokenSource(_cancelWait, projects.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            var stopped = await watcher.WatchAsync(projectId, static _ => { }, cancellationToken: linked.Token);
            await ReportAsync(stopped, watcher);
            return ExitCodeOf(stopped);
        }

        var why = interrupt.Terminated ? "terminated" : "interrupted";
        await Console.Error.WriteLineAsync(projects.IsRemote
            ? $"nexus: {why}; project {projectId} goes on running {projects.Where}; follow it again: nexus resume {projectId}{projects.SameTarget}"
            : $"nexus: {why}; project {projectId} is saved and left to resume later: nexus resume {projectId}{projects.SameTarget}");
        if (mode == OutputMode.Json && await projects.GetAsync(projectId, cancellationToken) is { } view)
        {
            await CliJson.WriteAsync(Console.Out, ProjectResult.From(view));
        }

        return ExitCodes.Interrupted;
    }

    // Asks on the terminal; a second Ctrl-C or an empty answer means "leave it".
    private async Task<bool> AskCancelAsync(string projectId, InterruptSignal interrupt, CancellationToken cancellationToken)
    {
        var leave = projects.IsRemote ? "leave it running" : "leave it to resume later";
        await Console.Error.WriteAsync(
            $"{Environment.NewLine}Interrupted. Cancel project {projectId} for good [c], or {leave} ('nexus resume {projectId}{projects.SameTarget}' follows it again) [L]? ");
        var text = (await ConsoleLineReader.Shared.ReadLineOrAsync(interrupt.Again, cancellationToken))?.Trim();
        if (interrupt.Again.IsCompleted)
        {
            await Console.Error.WriteLineAsync();
        }

        return text is not null && (text.Equals("c", StringComparison.OrdinalIgnoreCase) || text.Equals("cancel", StringComparison.OrdinalIgnoreCase));
    }
}
