namespace Nexus.Workflows.Model;

/// <summary>One agent's line in the live status.</summary>
/// <param name="Status"><c>idle</c>, <c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="Progress">0–1: the share of this agent's expected steps that are finished.</param>
/// <param name="Turns">Turns taken.</param>
/// <param name="CostUsd">What this agent's turns cost in this project.</param>
/// <param name="Tokens">The tokens this agent's turns used in this project.</param>
/// <param name="Seconds">How long this agent's finished steps took, in total (orchestration time, start to result): the
/// response time the KPIs average per turn.</param>
public sealed record AgentState(string Status, double Progress, int Turns = 0, decimal CostUsd = 0, long Tokens = 0, double Seconds = 0);
