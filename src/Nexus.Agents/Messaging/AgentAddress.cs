namespace Nexus.Agents.Messaging;

/// <summary>The sender or recipient of a message. On the wire: <c>{"agent_id", "agent_type", "session_id"}</c>.</summary>
/// <param name="AgentId">The agent's id (<c>aria</c>, <c>code</c>, … or <c>orchestrator</c>, <c>user</c>).</param>
/// <param name="AgentType">The agent's role or kind (<c>coordinator</c>, <c>developer</c>, …).</param>
/// <param name="SessionId">The project or conversation session the message belongs to, if any.</param>
public sealed record AgentAddress(string AgentId, string AgentType, string? SessionId = null);
