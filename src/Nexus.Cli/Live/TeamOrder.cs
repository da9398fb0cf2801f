using Nexus.Agents.Roles;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Live;

/// <summary>The agents of a project in the team's order (prime, aria, code, alpha, beta), then any others.</summary>
internal static class TeamOrder
{
    public static IEnumerable<string> Of(ProjectStatus? status)
    {
        var agents = status?.Agents ?? new Dictionary<string, AgentState>();
        return AgentIds.BuiltIn.Concat(agents.Keys.Where(k => !AgentIds.BuiltIn.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal));
    }
}
