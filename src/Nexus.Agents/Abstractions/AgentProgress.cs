namespace Nexus.Agents.Abstractions;

/// <summary>A progress note while a turn runs (a tool use, a message, a retry).</summary>
public sealed record AgentProgress(string AgentId, string Message, double? Fraction = null);
