namespace Nexus.Agents.Abstractions;

/// <summary>One turn of one agent: what to ask, where to work, and which session to continue.</summary>
/// <remarks>
/// A turn is a side effect; the durable workflow records its <see cref="AgentTurnResult"/> and never runs a recorded
/// turn again. A turn that was interrupted before its result was recorded is run again with the same
/// <see cref="StepKey"/> and <see cref="ForkSession"/> set, so a half-finished attempt cannot pollute the recorded session.
/// </remarks>
public sealed record AgentTurnRequest
{
    /// <summary>The agent that takes the turn (its persona, backend and model).</summary>
    public required AgentDefinition Agent { get; init; }

    /// <summary>The task text for this turn (built by the caller from the scratchpads).</summary>
    public required string Prompt { get; init; }

    /// <summary>The project's git workspace. Agent processes run here and file edits are confined to it.</summary>
    public required string WorkspacePath { get; init; }

    /// <summary>A stable key for the step (for example <c>iter-2/implement</c>); a retried step reuses it.</summary>
    public required string StepKey { get; init; }

    /// <summary>The session to continue (Claude Code <c>--resume</c>); <see langword="null"/> starts a new one.</summary>
    public string? SessionId { get; init; }

    /// <summary>Resume <see cref="SessionId"/> as a fork (a retry of an interrupted turn).</summary>
    public bool ForkSession { get; init; }

    /// <summary>Text used to seed a fresh session when the recorded one has expired (usually the scratchpads).</summary>
    public string? SessionSeed { get; init; }

    /// <summary>
    /// An optional JSON schema the reply must follow (for example Prime's routing decision). When set, the result's
    /// <see cref="AgentTurnResult.StructuredOutput"/> holds the parsed JSON.
    /// </summary>
    public string? OutputSchema { get; init; }

    /// <summary>
    /// The 1-based ordinal of this agent's turn within the project (the agent's first turn is 1), when the caller knows it.
    /// </summary>
    /// <remarks>
    /// The workflow derives it from its own deterministic state (how many turns of this agent it has already scheduled),
    /// so a step that is run again after an interruption carries the same number. Backends that play recorded turns
    /// (<c>replay</c>) use it to pick the turn; others may use it for logging.
    /// </remarks>
    public int? TurnNumber { get; init; }

    /// <summary>Where an agent CLI's processes run (the project's sandbox); <see langword="null"/>: unconfined, with the
    /// allow-listed environment (library use and tests). Backends that start no process ignore it.</summary>
    public Sandboxing.IProcessSandbox? Sandbox { get; init; }

    /// <summary>The agent CLI's own configuration folder for this project (Claude Code's <c>CLAUDE_CONFIG_DIR</c>, with its
    /// session transcripts), kept with the project's data; <see langword="null"/>: the backend's configured one.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Receives progress while the turn runs (optional).</summary>
    public IProgress<AgentProgress>? Progress { get; init; }
}
