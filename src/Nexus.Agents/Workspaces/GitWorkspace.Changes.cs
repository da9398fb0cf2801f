namespace Nexus.Agents.Workspaces;

/// <summary>What a range of commits adds, in the shape the secret scan reads (<see cref="StagedChanges"/>).</summary>
public sealed partial class GitWorkspace
{
    /// <summary>The first commit of <c>HEAD</c>'s history (the workspace's creation).</summary>
    public async Task<string> RootCommitAsync(CancellationToken cancellationToken = default)
    {
        var roots = await GitAsync(["rev-list", "--max-parents=0", "HEAD"], cancellationToken);
        return roots.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    /// <summary>
    /// What the commits from <paramref name="from"/> to <paramref name="to"/> add: per created or modified file, the added
    /// lines with their numbers in <paramref name="to"/>'s version (<c>git diff -U0 from to</c>), read exactly as
    /// <see cref="StageAllAsync"/> reads staged changes (same limits, small binary files read whole).
    /// </summary>
    public async Task<StagedChanges> ChangesBetweenAsync(string from, string to, CancellationToken cancellationToken = default)
    {
        var fromId = await ResolveCommitAsync(from, cancellationToken);
        var toId = await ResolveCommitAsync(to, cancellationToken);
        var names = await GitAsync(["diff", "--name-only", "--no-renames", "-z", fromId, toId, "--"], cancellationToken);
        var changed = names.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        if (changed.Count == 0)
        {
            return new StagedChanges([], [], Truncated: false);
        }

        return await ReadAddedAsync(changed, ["diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--full-index", "--src-prefix=a/", "--dst-prefix=b/", fromId, toId, "--"], cancellationToken);
    }
}
