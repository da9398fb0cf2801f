namespace Nexus.Agents.Backends.Replay;

/// <summary>Recorded usage: <c>{"inputTokens", "outputTokens", "costUsd"}</c>.</summary>
public sealed record ReplayUsage(long InputTokens = 0, long OutputTokens = 0, decimal CostUsd = 0m);
