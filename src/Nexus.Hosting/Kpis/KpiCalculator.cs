using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;

namespace Nexus.Hosting.Kpis;

/// <summary>Computes <see cref="SystemKpis"/> from projects as the client sees them (status, custom status, times).</summary>
public static class KpiCalculator
{
    /// <summary>The KPIs of <paramref name="projects"/> at <paramref name="at"/>.</summary>
    /// <param name="projects">Every project to count.</param>
    /// <param name="at">Now.</param>
    /// <param name="uptime">The answering host's uptime, if a host answers.</param>
    public static SystemKpis Compute(IReadOnlyCollection<ProjectView> projects, DateTimeOffset at, TimeSpan? uptime)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var completed = projects.Where(p => p.RuntimeStatus == OrchestrationRuntimeStatus.Completed).ToList();
        var finished = projects.Count(p => p.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
        var active = projects.Where(p => p.RuntimeStatus.IsActive()).ToList();
        var cost = projects.Sum(CostOf);
        var tokens = projects.Sum(TokensOf);
        return new SystemKpis
        {
            At = at,
            UptimeSeconds = uptime?.TotalSeconds,
            Projects = projects.Count,
            ByStatus = projects.GroupBy(p => p.RuntimeStatus.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Active = active.Count,
            WaitingForApproval = active.Count(p => p.Status?.ApprovalGate is not null),
            CompletionRate = finished == 0 ? null : (double)completed.Count / finished,
            AverageCompletionSeconds = completed.Count == 0 ? null : completed.Average(p => (p.LastUpdatedTime - p.CreatedTime).TotalSeconds),
            CostUsd = cost,
            Tokens = tokens,
            CostUsdPerProject = projects.Count == 0 ? null : cost / projects.Count,
            TokensPerProject = projects.Count == 0 ? null : (double)tokens / projects.Count,
            Agents = [.. ProjectOrchestration.TeamOrder.Select(agent => AgentFigures(agent, projects))],
        };
    }

    private static AgentKpis AgentFigures(string agent, IEnumerable<ProjectView> projects)
    {
        var states = projects
            .Select(p => p.Status?.Agents.GetValueOrDefault(agent))
            .OfType<AgentState>()
            .Where(s => s.Turns > 0)
            .ToList();
        var turns = states.Sum(s => s.Turns);
        return new AgentKpis(
            agent, turns, turns == 0 ? null : states.Sum(s => s.Seconds) / turns, states.Sum(s => s.CostUsd), states.Sum(s => s.Tokens), states.Count);
    }

    // A completed project's report has the final figures; otherwise its live status has the figures so far.
    private static decimal CostOf(ProjectView project) => project.Report?.CostUsd ?? project.Status?.CostUsd ?? 0;

    private static long TokensOf(ProjectView project) => project.Report?.Tokens ?? project.Status?.Tokens ?? 0;
}
