namespace Nexus.Workflows.Model;

/// <summary>The state of the AgentSession entity of one project × agent.</summary>
public sealed record AgentSessionState
{
    /// <summary>The agent id.</summary>
    public string Agent { get; init; } = string.Empty;

    /// <summary>The backend that answered last.</summary>
    public string? Backend { get; init; }

    /// <summary>The model that answered last.</summary>
    public string? Model { get; init; }

    /// <summary>The session to resume (Claude Code).</summary>
    public string? SessionId { get; init; }

    /// <summary>Turns taken.</summary>
    public int Turns { get; init; }

    /// <summary>Tokens used.</summary>
    public long Tokens { get; init; }

    /// <summary>Cost in USD.</summary>
    public decimal CostUsd { get; init; }

    /// <summary><c>idle</c> or <c>running</c> while the project runs; <c>done</c> or <c>failed</c> once it ended.</summary>
    public string Status { get; init; } = "idle";

    /// <summary>When it last changed (orchestration time).</summary>
    public DateTime? LastActivity { get; init; }
}
