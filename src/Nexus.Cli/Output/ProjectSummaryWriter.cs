using System.Globalization;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Output;

/// <summary>The text summary at the end of a project: status, reason, iterations, cost, tests, workspace, commits.</summary>
internal static class ProjectSummaryWriter
{
    private const int SummaryLines = 8;

    /// <summary>Writes the summary; <paramref name="sameTarget"/> is what the hints add to point at the same store or host.</summary>
    public static async Task WriteAsync(TextWriter output, ProjectView view, TimeSpan elapsed, string sameTarget = "")
    {
        var result = ProjectResult.From(view);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"project {TerminalText.EscapeLine(view.Id)}: {Formats.Status(view.RuntimeStatus)} after {Formats.Elapsed(elapsed)}");
        if (result.Reason is { } reason)
        {
            await output.WriteLineAsync($"  reason:     {Formats.Clip(reason, 400)}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  iterations: {result.Iterations}"));
        await output.WriteLineAsync($"  cost:       {Formats.Cost(result.CostUsd)}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  tests:      {result.Tests.Passed} passed, {result.Tests.Failed} failed"));
        await output.WriteLineAsync($"  workspace:  {TerminalText.EscapeLine(result.Workspace)}");
        if (view.Report?.Summary is { Length: > 0 } summary)
        {
            await output.WriteLineAsync("  summary:");
            foreach (var line in summary.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(SummaryLines))
            {
                await output.WriteLineAsync($"    {Formats.Clip(line, 160)}");
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  commits:    {result.Commits.Count}"));
        foreach (var commit in result.Commits)
        {
            await output.WriteLineAsync($"    {TerminalText.EscapeLine(commit.Agent),-6} {TerminalText.EscapeLine(Formats.ShortCommit(commit.Commit))}  {Formats.Clip(Formats.FirstLine(commit.Message), 100)}");
        }

        if (view.RuntimeStatus.IsActive())
        {
            await output.WriteLineAsync($"  continue it with: nexus resume {view.Id}{sameTarget}");
        }

        await output.FlushAsync();
    }
}
