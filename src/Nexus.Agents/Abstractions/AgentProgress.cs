namespace Nexus.Agents.Abstractions;

/// <summary>A progress note while a turn runs (a tool use, a message, a retry).</summary>
/// <param name="AgentId">The agent whose turn it is.</param>
/// <param name="Message">What happened, in one line for people (for a tool use: <c>Write src/csv2json.js</c>).</param>
/// <param name="Fraction">How far the turn is, when the backend knows.</param>
/// <param name="Kind">What the note is about.</param>
/// <param name="Tool">The tool used (<see cref="AgentProgressKind.Tool"/> only).</param>
/// <param name="Target">The file (relative to the workspace when inside it), command or pattern the tool worked on.</param>
public sealed record AgentProgress(
    string AgentId, string Message, double? Fraction = null, AgentProgressKind Kind = AgentProgressKind.Message, string? Tool = null, string? Target = null);
