namespace Nexus.Workflows.Model;

/// <summary>One agent's line in the live status.</summary>
/// <param name="Status"><c>idle</c>, <c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="Progress">0–1: the share of this agent's expected steps that are finished.</param>
/// <param name="Turns">Turns taken.</param>
public sealed record AgentState(string Status, double Progress, int Turns = 0);
