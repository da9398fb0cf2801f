namespace Nexus.Hosting.Kpis;

/// <summary>One agent's figures across the projects counted.</summary>
/// <param name="Agent">The agent id (aria, code, alpha, beta, prime).</param>
/// <param name="Turns">Its finished turns.</param>
/// <param name="AverageResponseSeconds">Its mean step time, start to result (null before its first turn).</param>
/// <param name="CostUsd">What its turns cost.</param>
/// <param name="Tokens">The tokens its turns used.</param>
/// <param name="Projects">The projects it took a turn in.</param>
public sealed record AgentKpis(string Agent, int Turns, double? AverageResponseSeconds, decimal CostUsd, long Tokens, int Projects);
