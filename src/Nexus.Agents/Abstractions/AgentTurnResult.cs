using System.Text.Json;

namespace Nexus.Agents.Abstractions;

/// <summary>What one agent turn produced. This is what the workflow records in its history.</summary>
public sealed record AgentTurnResult
{
    /// <summary><see langword="true"/> when the agent finished its turn without an error.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The agent's final text (its summary of the turn), already redacted.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The session to resume next time (Claude Code's <c>session_id</c>), if the backend has sessions.</summary>
    public string? SessionId { get; init; }

    /// <summary>
    /// <see langword="true"/> when the session to resume had expired (<see cref="AgentErrorKind.SessionExpired"/>) and the
    /// backend started a fresh one seeded with <see cref="AgentTurnRequest.SessionSeed"/>; <see cref="SessionId"/> is then
    /// the new session and the earlier one should be forgotten.
    /// </summary>
    public bool SessionRestarted { get; init; }

    /// <summary>The backend that answered (<c>claude</c>, <c>openai</c>, <c>anthropic</c>, <c>replay</c>, …).</summary>
    public required string Backend { get; init; }

    /// <summary>The model that answered (after any fallback).</summary>
    public string? Model { get; init; }

    /// <summary>Token usage and cost of the turn.</summary>
    public AgentUsage Usage { get; init; } = AgentUsage.None;

    /// <summary>Wall time of the turn.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>CPU time and peak memory of the agent's process tree (every attempt of the turn), measured from
    /// <c>/proc</c> for backends that run a process (the Claude Code CLI). <see langword="null"/> where there is no process
    /// tree to measure — HTTP backends (OpenAI-compatible, Anthropic), replayed turns — or where it could not be measured
    /// (not Linux): never an estimate.</summary>
    public Processes.ProcessResources? Resources { get; init; }

    /// <summary>Workspace-relative paths the turn created, changed or deleted (for chat backends, the applied edits).</summary>
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];

    /// <summary>Tools the agent wanted but was not permitted to use.</summary>
    public IReadOnlyList<PermissionDenial> PermissionDenials { get; init; } = [];

    /// <summary>The parsed structured reply when the request named an <see cref="AgentTurnRequest.OutputSchema"/>.</summary>
    public JsonElement? StructuredOutput { get; init; }

    /// <summary>The error when <see cref="Succeeded"/> is <see langword="false"/>.</summary>
    public AgentError? Error { get; init; }
}
