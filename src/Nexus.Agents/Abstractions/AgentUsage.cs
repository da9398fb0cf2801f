namespace Nexus.Agents.Abstractions;

/// <summary>Tokens and cost of one turn.</summary>
public sealed record AgentUsage(long InputTokens, long OutputTokens, decimal CostUsd)
{
    /// <summary>No usage.</summary>
    public static AgentUsage None { get; } = new(0, 0, 0m);

    /// <summary>Total tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Adds two usages.</summary>
    public static AgentUsage operator +(AgentUsage left, AgentUsage right) =>
        new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens, left.CostUsd + right.CostUsd);

    /// <summary>Adds two usages.</summary>
    public static AgentUsage Add(AgentUsage left, AgentUsage right) => left + right;
}
