namespace Nexus.Cli.Output;

/// <summary>The object <c>nexus agents --json</c> prints: each agent's session entity and live state.</summary>
internal sealed record ProjectAgents(string Id, IReadOnlyList<ProjectAgent> Agents);
