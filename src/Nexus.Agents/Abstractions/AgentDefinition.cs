namespace Nexus.Agents.Abstractions;

/// <summary>An agent as configuration: who it is (persona) and how it runs (backend, model, limits).</summary>
public sealed record AgentDefinition
{
    /// <summary>Stable id, lower case (<c>prime</c>, <c>aria</c>, <c>code</c>, <c>alpha</c>, <c>beta</c>, or a user's own).</summary>
    public required string Id { get; init; }

    /// <summary>Display name (Aria, Code, …); also the git author name of its commits.</summary>
    public required string Name { get; init; }

    /// <summary>The personality profile turned into the system prompt.</summary>
    public required AgentPersona Persona { get; init; }

    /// <summary>Backend name: <c>claude</c>, <c>openai</c>, <c>azure-openai</c>, <c>anthropic</c>, <c>ollama</c>, <c>replay</c>.</summary>
    public string Backend { get; init; } = "claude";

    /// <summary>Primary model; <see langword="null"/> lets the backend choose its default.</summary>
    public string? Model { get; init; }

    /// <summary>Models tried in order when the primary is missing or keeps failing (primary → secondary → minimal).</summary>
    public IReadOnlyList<string> FallbackModels { get; init; } = [];

    /// <summary>Time limit of one turn. Default 20 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Retries of a transient failure (with exponential backoff) before falling back. Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Claude Code <c>--max-turns</c>. Default 30.</summary>
    public int MaxTurns { get; init; } = 30;

    /// <summary>Claude Code tools the agent may use without asking. Default: file tools and Bash.</summary>
    public IReadOnlyList<string> AllowedTools { get; init; } = ["Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "LS", "Bash"];

    /// <summary>Claude Code <c>--permission-mode</c>. Default <c>acceptEdits</c>; <c>bypassPermissions</c> only when a user configures it.</summary>
    public string PermissionMode { get; init; } = "acceptEdits";

    /// <summary>
    /// Names of host environment variables passed to this agent's processes on top of the allow-listed basics and its
    /// backend's own credential (for example <c>GITHUB_TOKEN</c> for an agent that opens pull requests). Default: none.
    /// </summary>
    public IReadOnlyList<string> PassEnvironment { get; init; } = [];

    /// <summary>The git author e-mail of its commits. Default <c>{id}@nexus.local</c>.</summary>
    public string Email => $"{Id}@nexus.local";
}
