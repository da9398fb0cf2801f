using Nexus.Workflows.Model;

namespace Nexus.Workflows.Activities;

/// <summary>The input of a conversational turn with one agent of a project (recorded in the chat's history).</summary>
public sealed record AgentChatInput
{
    /// <summary>The project.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The agent (aria, code, alpha, beta, prime).</summary>
    public required string AgentId { get; init; }

    /// <summary>What the person says.</summary>
    public required string Message { get; init; }

    /// <summary>The agent's turn number for this conversation (its recorded turns + 1; replay plays this turn).</summary>
    public required int Turn { get; init; }

    /// <summary>The agent's recorded session, resumed as a fork so the workflow's session is not changed.</summary>
    public string? SessionId { get; init; }

    /// <summary>The project request (brief, provider, model, scenario).</summary>
    public required ProjectRequest Request { get; init; }
}
