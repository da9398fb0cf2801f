namespace Nexus.Agents.Workspaces;

/// <summary>One commit in a workspace's history, as <see cref="GitWorkspace.LogAsync"/> reports it.</summary>
/// <param name="Id">The full commit id.</param>
/// <param name="AuthorName">The author's name (the agent that made the step).</param>
/// <param name="AuthorEmail">The author's e-mail.</param>
/// <param name="Timestamp">The author date.</param>
/// <param name="Message">The full message, without trailing newlines.</param>
public sealed record GitCommit(string Id, string AuthorName, string AuthorEmail, DateTimeOffset Timestamp, string Message);
