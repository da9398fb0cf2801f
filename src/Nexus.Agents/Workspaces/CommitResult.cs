namespace Nexus.Agents.Workspaces;

/// <summary>The commit an agent step produced.</summary>
/// <param name="CommitId">The full commit id (40 hex digits).</param>
/// <param name="ChangedFiles">Workspace-relative paths (with <c>/</c>) the commit created, changed or deleted, in ordinal order; empty for an empty commit.</param>
public sealed record CommitResult(string CommitId, IReadOnlyList<string> ChangedFiles);
