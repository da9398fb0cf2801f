using System.Globalization;
using Nexus.Agents.Roles;
using Nexus.Hosting;
using Nexus.Hosting.Kpis;

namespace Nexus.Cli.Output;

/// <summary>The text of <c>nexus status</c> with no id: the system at a glance — uptime, projects, the KPIs, the team and
/// what is running.</summary>
internal static class SystemStatusWriter
{
    public static async Task WriteAsync(TextWriter output, SystemKpis kpis, IReadOnlyList<ProjectView> active, string where)
    {
        var finished = kpis.ByStatus.Where(s => s.Key is "Completed" or "Failed" or "Terminated").Sum(s => s.Value);
        var lines = new List<string>
        {
            $"NEXUS — {Formats.Count(kpis.Projects, "project")} {where}",
            "  uptime:          " + (kpis.UptimeSeconds is { } up ? Formats.Elapsed(TimeSpan.FromSeconds(up)) : "no host runs here (nexus serve shows its uptime; use --server URL)"),
            "  projects:        " + (kpis.Projects == 0 ? "none yet" : string.Join(" · ", kpis.ByStatus.Select(s => $"{s.Value} {s.Key.ToLowerInvariant()}"))),
            "  waiting:         " + (kpis.WaitingForApproval == 0 ? "no plan waits for approval" : $"{Formats.Count(kpis.WaitingForApproval, "plan")} waiting for approval (nexus approve ID)"),
            "  completion rate: " + (kpis.CompletionRate is { } rate
                ? string.Create(CultureInfo.InvariantCulture, $"{Formats.Percent(rate)} ({kpis.ByStatus.GetValueOrDefault("Completed")} of {finished} finished)")
                : "none finished yet"),
            string.Create(CultureInfo.InvariantCulture,
                $"  cost:            {Formats.Cost(kpis.CostUsd)} and {kpis.Tokens:N0} tokens in all; per project {Formats.Cost(kpis.CostUsdPerProject ?? 0)} and {kpis.TokensPerProject ?? 0:N0} tokens"),
            string.Empty,
            "  agent                    turns  avg response        cost      tokens  projects",
        };
        foreach (var agent in kpis.Agents)
        {
            var name = AgentCatalog.BuiltIn.TryGet(agent.Agent, out var definition) ? $"{definition.Name} ({definition.Persona.Role})" : agent.Agent;
            var response = agent.AverageResponseSeconds is { } seconds ? Formats.Elapsed(TimeSpan.FromSeconds(seconds)) : "-";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {TerminalText.EscapeLine(Formats.Clip(name, 23)),-23} {agent.Turns,6}  {response,12}  {Formats.Cost(agent.CostUsd),10}  {agent.Tokens,10:N0}  {agent.Projects,8}"));
        }

        lines.Add(string.Empty);
        lines.Add(active.Count == 0 ? "  active: none" : "  active:");
        foreach (var project in active)
        {
            var status = project.Status;
            var waiting = status?.ApprovalGate is not null ? "  ⏸ waiting for approval" : string.Empty;
            lines.Add(TerminalText.EscapeLine(string.Create(CultureInfo.InvariantCulture,
                $"    {project.Id}  {Formats.Status(project.RuntimeStatus)}  {status?.Phase ?? "-"}  {Formats.Percent(status?.Progress ?? 0)}  {Formats.Clip(Formats.FirstLine(project.Request?.Description), 60)}{waiting}")));
        }

        foreach (var line in lines)
        {
            await output.WriteLineAsync(line);
        }
    }
}
