using Nexus.Agents.Processes;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>Reads a project's git workspace with the git CLI: commits with their parents, files at a commit, the working tree state.</summary>
internal sealed class WorkspaceGit(string directory)
{
    private const char Separator = '\u001f';

    public string Directory { get; } = directory;

    /// <summary>The commits reachable from HEAD, oldest first.</summary>
    public async Task<IReadOnlyList<WorkspaceCommit>> LogAsync(CancellationToken cancellationToken) =>
        [.. (await GitAsync(["log", "--reverse", "--format=%H%x1f%P%x1f%an%x1f%s"], cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(Separator))
            .Select(f => new WorkspaceCommit(f[0], f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), f[2], f[3]))];

    /// <summary>The files of <paramref name="commit"/>.</summary>
    public async Task<IReadOnlyList<string>> FilesAtAsync(string commit, CancellationToken cancellationToken) =>
        (await GitAsync(["ls-tree", "-r", "--name-only", commit], cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The files <paramref name="commit"/> changed (added, modified or deleted), sorted.</summary>
    public async Task<IReadOnlyList<string>> ChangedInAsync(string commit, CancellationToken cancellationToken) =>
        [.. (await GitAsync(["show", "--name-only", "--format=", "--no-renames", commit], cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    /// <summary>The content of <paramref name="path"/> at <paramref name="commit"/>.</summary>
    public Task<string> ShowAsync(string commit, string path, CancellationToken cancellationToken) =>
        GitAsync(["show", $"{commit}:{path}"], cancellationToken);

    /// <summary>Every commit with its full patch (<c>git log -p --all</c>, no diff drivers), as one text.</summary>
    public Task<string> PatchLogAsync(CancellationToken cancellationToken) =>
        GitAsync(["log", "-p", "--all", "--format=fuller", "--no-textconv", "--no-ext-diff"], cancellationToken);

    /// <summary>What <c>git status --porcelain --untracked-files=all</c> reports (empty for a clean tree).</summary>
    public Task<string> StatusAsync(CancellationToken cancellationToken) =>
        GitAsync(["status", "--porcelain", "--untracked-files=all"], cancellationToken);

    private async Task<string> GitAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var outcome = await new ProcessRunner().RunAsync(
            new ProcessSpec { FileName = "git", Arguments = arguments, WorkingDirectory = Directory, Timeout = TimeSpan.FromSeconds(30) },
            cancellationToken);
        return outcome.ExitCode == 0
            ? outcome.Stdout
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed in {Directory} (exit {outcome.ExitCode}): {outcome.Stderr}");
    }
}
