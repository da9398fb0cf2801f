using Nexus.Workflows.Model;

namespace Nexus.Cli.Output;

/// <summary>One agent of <see cref="ProjectAgents"/>: its AgentSession entity (null before its first turn) and its live progress.</summary>
internal sealed record ProjectAgent(string Agent, string Status, double Progress, AgentSessionState? Session);
