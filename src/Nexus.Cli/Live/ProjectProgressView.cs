using System.Globalization;
using Nexus.Cli.Output;
using Nexus.Durable;
using Nexus.Workflows.Live;
using Nexus.Workflows.Model;
using Spectre.Console;
using Spectre.Console.Rendering;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>The live terminal view: phase, iteration, elapsed time, cost, a row per agent with its status, a progress bar and
/// what it is doing now (its last live activity), and the last few activities below.</summary>
/// <param name="console">The terminal.</param>
/// <param name="sameTarget">What the hints add to point at the same store or host (<c>--server URL</c>).</param>
internal sealed class ProjectProgressView(IAnsiConsole console, string sameTarget = "") : IProjectDisplay
{
    private const int BarWidth = 24;

    /// <summary>How many recent activities are shown under the agents.</summary>
    private const int RecentShown = 4;

    private const int NowWidth = 48;

    public async Task<ProjectView> FollowAsync(ProjectWatcher watcher, string projectId, Func<ProjectView, bool> pauseWhen, CancellationToken cancellationToken = default)
    {
        var live = console.Live(new Text($"project {projectId}: starting…")).AutoClear(false).Overflow(VerticalOverflow.Ellipsis);
        var recent = new List<LiveActivity>();
        ProjectView? last = null;
        return await live.StartAsync(async context =>
            await watcher.WatchAsync(
                projectId,
                view => context.UpdateTarget(Render(last = view, watcher.Elapsed(view), sameTarget, recent)),
                pauseWhen,
                activity =>
                {
                    recent.Add(activity);
                    if (recent.Count > 64)
                    {
                        recent.RemoveRange(0, recent.Count - 64);
                    }

                    if (last is not null)
                    {
                        context.UpdateTarget(Render(last, watcher.Elapsed(last), sameTarget, recent));
                    }
                },
                cancellationToken));
    }

    /// <summary>The view of one moment, with the live activities seen so far (oldest first).</summary>
    public static IRenderable Render(ProjectView view, TimeSpan elapsed, string sameTarget = "", IReadOnlyList<LiveActivity>? activity = null)
    {
        activity ??= [];
        var status = view.Status ?? new ProjectStatus();
        var maxIterations = view.Request?.MaxIterations ?? 0;
        var phases = new Markup($"[bold]Phase[/]  {Phases(status.Phase)}");
        var header = new Grid().AddColumns(3);
        header.AddRow(
            new Markup(string.Create(CultureInfo.InvariantCulture, $"[bold]Iteration[/] {status.Iteration}/{maxIterations}")),
            new Markup($"[bold]Elapsed[/] {Formats.Elapsed(elapsed)}"),
            new Markup($"[bold]Cost[/] {Formats.Cost(status.CostUsd)}"));

        var agents = new Table().Border(TableBorder.Simple).AddColumns("Agent", "Status", "Progress", "Turns", "Now");
        foreach (var agent in TeamOrder.Of(status))
        {
            var state = status.Agents.GetValueOrDefault(agent) ?? new AgentState("idle", 0);
            agents.AddRow(
                new Text(TerminalText.EscapeLine(agent)),
                new Markup(StatusMarkup(state.Status)),
                new Markup($"{Bar(state.Progress)} {Formats.Percent(state.Progress)}"),
                new Text(state.Turns.ToString(CultureInfo.InvariantCulture)),
                new Text(state.Status == "running" && activity.LastOrDefault(a => a.AgentId == agent) is { } now
                    ? TerminalText.EscapeLine(ActivityText.Short(now, NowWidth))
                    : string.Empty));
        }

        var rows = new List<IRenderable> { phases, header, agents, new Markup($"{Bar(status.Progress)} {Formats.Percent(status.Progress)} overall") };
        if (status.Tests is { } tests && (tests.Passed > 0 || tests.Failed > 0))
        {
            rows.Add(new Markup(string.Create(CultureInfo.InvariantCulture, $"[bold]Tests[/] [green]{tests.Passed} passed[/], [{(tests.Failed > 0 ? "red" : "green")}]{tests.Failed} failed[/]")));
        }

        if (view.RuntimeStatus.IsActive())
        {
            foreach (var item in activity.TakeLast(RecentShown))
            {
                rows.Add(new Markup($"[grey]{Markup.Escape(TerminalText.EscapeLine(ActivityText.Line(item)))}[/]"));
            }
        }

        if (status.Phase == ProjectPhases.Approval && view.RuntimeStatus.IsActive())
        {
            rows.Add(new Markup($"[yellow]Waiting for plan approval:[/] nexus approve {Markup.Escape(TerminalText.EscapeLine(view.Id) + sameTarget)}  (or --reject --feedback \"…\")"));
        }

        var title = $"NEXUS · {Markup.Escape(TerminalText.EscapeLine(view.Id))} · {Formats.Status(view.RuntimeStatus)}";
        return new Panel(new Rows(rows)).Header(title).Border(BoxBorder.Rounded).Expand();
    }

    // The phases in order, the current one highlighted.
    private static string Phases(string current) =>
        string.Join(" › ", ProjectPhases.All.Select(p => p == current ? $"[bold yellow]{p}[/]" : $"[grey]{p}[/]"));

    private static string Bar(double fraction)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        return $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/]";
    }

    private static string StatusMarkup(string status) => status switch
    {
        "running" => "[yellow]running[/]",
        "done" => "[green]done[/]",
        "failed" => "[red]failed[/]",
        _ => $"[grey]{Markup.Escape(TerminalText.EscapeLine(status))}[/]",
    };
}
