namespace Nexus.Agents.Workspaces;

/// <summary>Staging a step's work and reading what it adds, so it can be checked before it is committed.</summary>
public sealed partial class GitWorkspace
{
    /// <summary>The most bytes of staged diff <see cref="StageAllAsync"/> reads; beyond it <see cref="StagedChanges.Truncated"/> is set.</summary>
    public const int MaxReadDiffBytes = 64 << 20;

    /// <summary>The largest binary file whose content <see cref="StageAllAsync"/> reads; larger ones are listed with
    /// <see cref="StagedFile.ContentSkipped"/>.</summary>
    public const int MaxReadBinaryBytes = 1 << 20;

    /// <summary>
    /// Stages everything (additions, changes, deletions; <c>.gitignore</c> applies) and returns what the staged changes add:
    /// per created or modified file, the added lines with their numbers in the new file (<c>git diff --cached -U0</c>).
    /// A binary file of at most <see cref="MaxReadBinaryBytes"/> is read whole and split at line breaks; a larger one is
    /// listed without content. Nothing is committed: <see cref="CommitStagedAsync"/> commits exactly what was staged here,
    /// and <see cref="ResetToAsync"/> discards it.
    /// </summary>
    public async Task<StagedChanges> StageAllAsync(CancellationToken cancellationToken = default)
    {
        await GitAsync(["add", "--all"], cancellationToken);
        var changed = await StagedPathsAsync(cancellationToken);
        if (changed.Count == 0)
        {
            return new StagedChanges([], [], Truncated: false);
        }

        return await ReadAddedAsync(changed, ["diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--full-index", "--src-prefix=a/", "--dst-prefix=b/"], cancellationToken);
    }

    /// <summary>
    /// Moves the current branch back to <paramref name="commit"/> and leaves the index and the work tree as they are
    /// (<c>git reset --soft</c>): commits made since, such as an agent's own <c>git commit</c>, become staged changes again.
    /// Before <see cref="StageAllAsync"/>, this makes a step's work one commit on top of where the step started, and all
    /// of it visible to a check of the staged changes.
    /// </summary>
    public async Task SoftResetToAsync(string commit, CancellationToken cancellationToken = default)
    {
        var id = await ResolveCommitAsync(commit, cancellationToken);
        await GitAsync(["reset", "--quiet", "--soft", id], cancellationToken);
    }

    /// <summary>
    /// Commits the index exactly as it is (what <see cref="StageAllAsync"/> staged, even if the work tree changed since)
    /// as <paramref name="authorName"/> &lt;<paramref name="authorEmail"/>&gt; (author and committer). Always makes a commit,
    /// an empty one when nothing is staged.
    /// </summary>
    public async Task<CommitResult> CommitStagedAsync(string authorName, string authorEmail, string message, CancellationToken cancellationToken = default)
    {
        ValidateIdentityPart(authorName);
        ValidateIdentityPart(authorEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        var changed = await StagedPathsAsync(cancellationToken);
        await GitAsync(["commit", "--quiet", "--no-verify", "--allow-empty", "-m", message], Identity(authorName, authorEmail), DefaultOutputLimitBytes, cancellationToken);
        return new CommitResult(await HeadAsync(cancellationToken), changed);
    }

    private async Task<List<string>> StagedPathsAsync(CancellationToken cancellationToken)
    {
        var staged = await GitAsync(["diff", "--cached", "--name-only", "--no-renames", "-z"], cancellationToken);
        return staged.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<StagedFile> ReadBinaryAsync(string path, string blob, CancellationToken cancellationToken)
    {
        // Images and archives are skipped above the limit: their text is rarely readable, and reading every large blob
        // would make each commit as slow as its biggest asset. Small binaries (a .pyc, a keystore dump, a file with a
        // NUL byte in front of plain text) are read whole.
        var size = long.Parse((await GitAsync(["cat-file", "-s", blob], cancellationToken)).Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        if (size > MaxReadBinaryBytes)
        {
            return new StagedFile(path, [], IsBinary: true, ContentSkipped: true);
        }

        var content = await GitAsync(["cat-file", "blob", blob], environment: null, outputLimitBytes: MaxReadBinaryBytes, cancellationToken);
        var lines = content.Stdout.Split('\n').Select((text, index) => new AddedLine(index + 1, text.TrimEnd('\r'))).ToList();
        return new StagedFile(path, lines, IsBinary: true);
    }

    // The added lines of a diff (-U0, full blob ids), per file that still exists; binary files read whole.
    private async Task<StagedChanges> ReadAddedAsync(IReadOnlyList<string> changed, string[] diffArguments, CancellationToken cancellationToken)
    {
        var patch = await GitAsync(diffArguments, environment: null, outputLimitBytes: MaxReadDiffBytes, cancellationToken);
        var files = new List<StagedFile>();
        foreach (var section in StagedPatch.Parse(patch.Stdout))
        {
            if (section.IsDeleted)
            {
                continue;
            }

            files.Add(section.IsBinary && section.NewBlobId is { } blob
                ? await ReadBinaryAsync(section.Path, blob, cancellationToken)
                : new StagedFile(section.Path, section.AddedLines, section.IsBinary));
        }

        return new StagedChanges(changed, files, patch.OutputTruncated);
    }
}
