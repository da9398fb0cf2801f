using System.Globalization;
using Nexus.Cli.Output;
using Nexus.Durable;
using Nexus.Workflows.Live;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Live;

/// <summary>Progress for a pipe or a CI log: one line per change of runtime status, phase, iteration or an agent's status,
/// and one per live activity of a running step ("Code · Write src/csv2json.js").</summary>
/// <param name="output">Where the lines go.</param>
/// <param name="sameTarget">What the hints add to point at the same store or host (<c>--server URL</c>).</param>
internal sealed class PlainProgressWriter(TextWriter output, string sameTarget = "") : IProjectDisplay
{
    private readonly Dictionary<string, string> _agents = new(StringComparer.Ordinal);
    private OrchestrationRuntimeStatus? _runtimeStatus;
    private string? _phase;
    private int _iteration = -1;

    public async Task<ProjectView> FollowAsync(ProjectWatcher watcher, string projectId, Func<ProjectView, bool> pauseWhen, CancellationToken cancellationToken = default)
    {
        ProjectView? last = null;
        var final = await watcher.WatchAsync(
            projectId,
            view => Write(last = view, watcher.Elapsed(view)),
            pauseWhen,
            activity => Write(activity, last is null ? TimeSpan.Zero : watcher.Elapsed(last)),
            cancellationToken);
        await output.FlushAsync(cancellationToken);
        return final;
    }

    /// <summary>Writes one line for a live activity.</summary>
    public void Write(LiveActivity activity, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(activity);
        output.WriteLine($"[{Formats.Elapsed(elapsed)}] {TerminalText.EscapeLine(ActivityText.Line(activity))}");
        output.Flush();
    }

    /// <summary>Writes the lines for what changed since the last view.</summary>
    public void Write(ProjectView view, TimeSpan elapsed)
    {
        var stamp = $"[{Formats.Elapsed(elapsed)}]";
        var status = view.Status;
        var runtimeChanged = view.RuntimeStatus != _runtimeStatus;
        _runtimeStatus = view.RuntimeStatus;
        if (runtimeChanged && view.RuntimeStatus.IsActive())
        {
            output.WriteLine($"{stamp} project {TerminalText.EscapeLine(view.Id)}: {Formats.Status(view.RuntimeStatus)}");
        }

        if (status is not null && (status.Phase != _phase || status.Iteration != _iteration))
        {
            _phase = status.Phase;
            _iteration = status.Iteration;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stamp} phase {TerminalText.EscapeLine(status.Phase)}, iteration {status.Iteration}, cost {Formats.Cost(status.CostUsd)}"));
            if (status.Phase == ProjectPhases.Approval)
            {
                output.WriteLine($"{stamp} waiting for plan approval: nexus approve {view.Id}{sameTarget}   (or: nexus approve {view.Id}{sameTarget} --reject --feedback \"...\")");
            }
        }

        foreach (var agent in TeamOrder.Of(status))
        {
            // An agent that has not started yet is idle: only changes from there are news.
            if (status?.Agents.GetValueOrDefault(agent) is not { } state || (_agents.GetValueOrDefault(agent) ?? "idle") == state.Status)
            {
                continue;
            }

            _agents[agent] = state.Status;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stamp} {TerminalText.EscapeLine(agent)}: {TerminalText.EscapeLine(state.Status)} ({Formats.Percent(state.Progress)}, {Formats.Count(state.Turns, "turn")})"));
        }

        if (runtimeChanged && view.RuntimeStatus.IsTerminal())
        {
            output.WriteLine($"{stamp} project {TerminalText.EscapeLine(view.Id)}: {Formats.Status(view.RuntimeStatus)}");
        }

        output.Flush();
    }
}
