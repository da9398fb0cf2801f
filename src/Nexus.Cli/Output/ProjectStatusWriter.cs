using System.Globalization;
using Nexus.Cli.Live;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Output;

/// <summary>The text of <c>nexus status ID</c>.</summary>
internal static class ProjectStatusWriter
{
    public static async Task WriteAsync(TextWriter output, ProjectView view)
    {
        var status = view.Status;
        var result = ProjectResult.From(view);
        var lines = new List<string>
        {
            $"project {TerminalText.EscapeLine(view.Id)}",
            $"  status:      {Formats.Status(view.RuntimeStatus)}",
            string.Create(CultureInfo.InvariantCulture, $"  phase:       {TerminalText.EscapeLine(status?.Phase ?? "-")} (iteration {result.Iterations} of {view.Request?.MaxIterations ?? 0}, {Formats.Percent(status?.Progress ?? 0)})"),
            string.Create(CultureInfo.InvariantCulture, $"  cost:        {Formats.Cost(result.CostUsd)} ({view.Report?.Tokens ?? status?.Tokens ?? 0} tokens)"),
            string.Create(CultureInfo.InvariantCulture, $"  tests:       {result.Tests.Passed} passed, {result.Tests.Failed} failed"),
        };
        if (status is not null)
        {
            lines.Add("  agents:      " + string.Join(" · ", TeamOrder.Of(status).Select(a => TerminalText.EscapeLine($"{a} {status.Agents.GetValueOrDefault(a)?.Status ?? "idle"}"))));
        }

        if (status?.LastDecision is { } decision)
        {
            lines.Add($"  decision:    {Formats.Clip(decision, 200)}");
        }

        if (result.Reason is { } reason)
        {
            lines.Add($"  reason:      {Formats.Clip(reason, 400)}");
        }

        if (status?.Sandbox is { } sandbox)
        {
            lines.Add($"  sandbox:     {sandbox}");
        }

        lines.Add($"  provider:    {TerminalText.EscapeLine(view.Request?.Provider ?? "configured")}{(view.Request?.Scenario is { } s ? $" (scenario {TerminalText.EscapeLine(s)})" : string.Empty)}");
        lines.Add($"  description: {Formats.Clip(view.Request?.Description, 160)}");
        lines.Add($"  created:     {Formats.Time(view.CreatedTime)}");
        lines.Add($"  updated:     {Formats.Time(view.LastUpdatedTime)}");
        lines.Add($"  workspace:   {TerminalText.EscapeLine(result.Workspace)}");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  commits:     {result.Commits.Count}"));
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }

        await output.FlushAsync();
    }
}
