namespace Nexus.Workflows.Memory;

/// <summary>One line of an agent's conversation in a project (the second design's <c>conversations</c> table).</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Agent">The agent id.</param>
/// <param name="Turn">The agent's turn number, from 1.</param>
/// <param name="Role"><c>user</c> (what NEXUS asked) or <c>assistant</c> (what the agent answered).</param>
/// <param name="Summary">The first part of the text (redacted).</param>
public sealed record ConversationTurn(string ProjectId, string Agent, int Turn, string Role, string Summary);
