namespace Nexus.Workflows.Entities;

/// <summary>A recorded agent turn, sent by the orchestration to the agent's AgentSession entity.</summary>
public sealed record AgentTurnRecord(
    string Agent, string Backend, string? Model, string? SessionId, long Tokens, decimal CostUsd, bool Succeeded, DateTime At);
