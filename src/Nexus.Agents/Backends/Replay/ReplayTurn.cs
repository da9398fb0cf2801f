using System.Text.Json;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Replay;

/// <summary>One recorded turn: the file <c>&lt;scenario&gt;/&lt;agentId&gt;/NNN.json</c> (camelCase JSON).</summary>
/// <remarks>
/// <code>
/// {"summary": "Implemented the CLI.",
///  "edits": [{"path": "todo/cli.py", "content": "…"}, {"path": "old.py", "delete": true}],
///  "structured": {"next": "alpha"},      // only for turns that answer a schema (Prime)
///  "sessionId": "s-1", "usage": {"inputTokens": 1200, "outputTokens": 300, "costUsd": 0.01},
///  "delayMs": 250,                        // overrides the backend's TurnDelay
///  "error": {"kind": "Transient", "message": "overloaded", "statusCode": 529}}   // a recorded failure
/// </code>
/// </remarks>
public sealed record ReplayTurn
{
    /// <summary>The agent's final text (shown prefixed with <c>[replay] </c>).</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>File edits applied to the workspace.</summary>
    public IReadOnlyList<ReplayEdit> Edits { get; init; } = [];

    /// <summary>The structured reply (returned as <see cref="AgentTurnResult.StructuredOutput"/>).</summary>
    public JsonElement? Structured { get; init; }

    /// <summary>The session id to report.</summary>
    public string? SessionId { get; init; }

    /// <summary>Recorded usage.</summary>
    public ReplayUsage? Usage { get; init; }

    /// <summary>A delay before the turn completes, in milliseconds (overrides <see cref="ReplayBackendOptions.TurnDelay"/>).</summary>
    public int? DelayMs { get; init; }

    /// <summary>A recorded failure: the turn fails with this error (and applies no edits).</summary>
    public ReplayError? Error { get; init; }
}
