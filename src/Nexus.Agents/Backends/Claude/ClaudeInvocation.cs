using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Claude;

/// <summary>One run of the CLI: which agent, which prompt, and which session to continue.</summary>
/// <param name="Agent">The agent (model limits, permission mode, allowed tools).</param>
/// <param name="Prompt">The prompt text (the request's prompt, or a seeded prompt after an expired session).</param>
/// <param name="SystemPrompt">Text appended to Claude Code's system prompt (the persona).</param>
/// <param name="Model">The model, or <see langword="null"/> for the CLI's default.</param>
/// <param name="ResumeSessionId">The session to resume, or <see langword="null"/> for a new one.</param>
/// <param name="Fork">Resume as a fork (a new session id carrying the history).</param>
/// <param name="Stream">Print <c>stream-json</c> lines (for live progress) instead of one <c>json</c> object.</param>
/// <param name="OutputSchema">A JSON schema for structured output (<c>--json-schema</c>), if any.</param>
internal sealed record ClaudeInvocation(
    AgentDefinition Agent,
    string Prompt,
    string? SystemPrompt,
    string? Model,
    string? ResumeSessionId,
    bool Fork,
    bool Stream,
    string? OutputSchema);
