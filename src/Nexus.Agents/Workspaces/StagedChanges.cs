namespace Nexus.Agents.Workspaces;

/// <summary>What <see cref="GitWorkspace.StageAllAsync"/> staged: the paths and what they add.</summary>
/// <param name="ChangedFiles">Every path the changes create, change or delete, in ordinal order (as <see cref="CommitResult.ChangedFiles"/>).</param>
/// <param name="Files">The created and modified files with their added lines, in git's order; deletions are not listed.</param>
/// <param name="Truncated"><see langword="true"/> when the staged diff is larger than <see cref="GitWorkspace.MaxReadDiffBytes"/>:
/// the last file of <see cref="Files"/> was cut and later files are missing.</param>
public sealed record StagedChanges(IReadOnlyList<string> ChangedFiles, IReadOnlyList<StagedFile> Files, bool Truncated);
