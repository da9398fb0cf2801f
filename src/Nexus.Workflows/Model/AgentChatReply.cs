namespace Nexus.Workflows.Model;

/// <summary>The answer of one conversational turn with an agent (the output of <c>AgentChatOrchestration</c>).</summary>
public sealed record AgentChatReply
{
    /// <summary>The chat instance id (its history holds the recorded turn).</summary>
    public required string ChatId { get; init; }

    /// <summary>The project.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The agent.</summary>
    public required string AgentId { get; init; }

    /// <summary>Whether the agent answered.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The agent's reply (redacted).</summary>
    public string Reply { get; init; } = string.Empty;

    /// <summary>The backend that answered.</summary>
    public string Backend { get; init; } = string.Empty;

    /// <summary>The model that answered.</summary>
    public string? Model { get; init; }

    /// <summary>Tokens used.</summary>
    public long Tokens { get; init; }

    /// <summary>Cost in USD.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>What went wrong, when the agent did not answer.</summary>
    public string? Error { get; init; }
}
