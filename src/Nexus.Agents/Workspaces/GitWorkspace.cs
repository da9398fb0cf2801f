using System.Globalization;
using System.Text.RegularExpressions;
using Nexus.Agents.Processes;

namespace Nexus.Agents.Workspaces;

/// <summary>A project's code as a git repository, driven through the <c>git</c> CLI: one commit per agent step.</summary>
/// <remarks>
/// Every command runs with a minimal environment, <c>GIT_CONFIG_GLOBAL=/dev/null</c> and <c>GIT_CONFIG_NOSYSTEM=1</c>, hooks
/// and signing switched off, so the machine's git identity and settings never leak into a project's history. Author and
/// committer come from the caller; commit dates come from the <see cref="TimeProvider"/>.
/// Instances are not synchronized: drive one workspace from one step at a time.
/// </remarks>
public sealed partial class GitWorkspace
{
    /// <summary>The branch a new workspace starts on.</summary>
    public const string DefaultBranch = "main";

    /// <summary>The identity of the initial commit (and of the repository's local <c>user.*</c> config).</summary>
    public const string NexusName = "NEXUS";

    /// <summary>The e-mail of <see cref="NexusName"/>.</summary>
    public const string NexusEmail = "nexus@nexus.local";

    /// <summary>The message of the initial empty commit.</summary>
    public const string InitialCommitMessage = "NEXUS: workspace created";

    /// <summary>How long a single git command may run.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The most bytes a diff returns by default; the rest is cut and marked with <see cref="DiffTruncatedMarker"/>.</summary>
    public const int DefaultMaxDiffBytes = 1 << 20;

    /// <summary>The line appended to a diff that was cut at its size limit.</summary>
    public const string DiffTruncatedMarker = "\n[nexus: diff truncated]\n";

    private const int DefaultOutputLimitBytes = 8 << 20;

    private readonly IProcessRunner _runner;
    private readonly TimeProvider _timeProvider;

    private GitWorkspace(string directory, IProcessRunner runner, TimeProvider timeProvider)
    {
        Directory = directory;
        _runner = runner;
        _timeProvider = timeProvider;
    }

    /// <summary>The workspace's root folder (the repository's work tree).</summary>
    public string Directory { get; }

    /// <summary>
    /// Opens the repository at <paramref name="directory"/>, or creates it: the folder if missing, <c>git init</c> on
    /// <see cref="DefaultBranch"/>, local config (identity <see cref="NexusName"/>, no signing, no hooks) and an initial empty
    /// commit by <see cref="NexusName"/> &lt;<see cref="NexusEmail"/>&gt;. A folder inside another repository still gets its own.
    /// An existing repository without commits gets the initial commit.
    /// </summary>
    public static async Task<GitWorkspace> OpenOrInitAsync(
        string directory, IProcessRunner? processRunner = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        System.IO.Directory.CreateDirectory(fullPath);
        var workspace = new GitWorkspace(fullPath, processRunner ?? new ProcessRunner(timeProvider), timeProvider ?? TimeProvider.System);
        if (!System.IO.Directory.Exists(Path.Combine(fullPath, ".git")))
        {
            await workspace.GitAsync(["init", "--quiet", "--initial-branch=" + DefaultBranch], cancellationToken);
            foreach (var (key, value) in new[]
            {
                ("user.name", NexusName), ("user.email", NexusEmail), ("commit.gpgSign", "false"),
                ("tag.gpgSign", "false"), ("core.hooksPath", "/dev/null"), ("core.autocrlf", "false"), ("gc.auto", "0"),
            })
            {
                await workspace.GitAsync(["config", "--local", key, value], cancellationToken);
            }
        }

        if (await workspace.TryHeadAsync(cancellationToken) is null)
        {
            await workspace.GitAsync(
                ["commit", "--quiet", "--allow-empty", "--no-verify", "-m", InitialCommitMessage], Identity(NexusName, NexusEmail), DefaultOutputLimitBytes, cancellationToken);
        }

        return workspace;
    }

    /// <summary>The commit <c>HEAD</c> points at (40 hex digits).</summary>
    public async Task<string> HeadAsync(CancellationToken cancellationToken = default) =>
        await TryHeadAsync(cancellationToken) ?? throw new GitCommandException("git rev-parse HEAD", 128, "the repository has no commits");

    /// <summary>
    /// Puts the work tree back exactly at <paramref name="commit"/>: <c>git reset --hard</c>, then <c>git clean -ffdx</c>
    /// (untracked and ignored files go too), so a retried step restarts from a clean tree. Moves the current branch.
    /// </summary>
    public async Task ResetToAsync(string commit, CancellationToken cancellationToken = default)
    {
        var id = await ResolveCommitAsync(commit, cancellationToken);
        await GitAsync(["reset", "--quiet", "--hard", id], cancellationToken);
        await GitAsync(["clean", "-ffdxq"], cancellationToken);
    }

    /// <summary>
    /// Stages everything (additions, changes, deletions) and commits it as <paramref name="authorName"/> &lt;<paramref name="authorEmail"/>&gt;
    /// (author and committer).
    /// </summary>
    /// <returns>
    /// The new commit; or <see langword="null"/> when nothing changed and <paramref name="allowEmpty"/> is <see langword="false"/>
    /// (no commit is made). With <paramref name="allowEmpty"/> a commit is always made, so a step always has exactly one commit;
    /// its <see cref="CommitResult.ChangedFiles"/> is then possibly empty.
    /// </returns>
    public async Task<CommitResult?> CommitAllAsync(
        string authorName, string authorEmail, string message, bool allowEmpty = false, CancellationToken cancellationToken = default)
    {
        ValidateIdentityPart(authorName);
        ValidateIdentityPart(authorEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        await GitAsync(["add", "--all"], cancellationToken);
        var changed = await StagedPathsAsync(cancellationToken);
        if (changed.Count == 0 && !allowEmpty)
        {
            return null;
        }

        await GitAsync(["commit", "--quiet", "--no-verify", "--allow-empty", "-m", message], Identity(authorName, authorEmail), DefaultOutputLimitBytes, cancellationToken);
        return new CommitResult(await HeadAsync(cancellationToken), changed);
    }

    /// <summary>
    /// The unified diff from <paramref name="from"/> to <paramref name="to"/> (or to the work tree when <paramref name="to"/> is
    /// <see langword="null"/>; untracked files are not included then), at most <paramref name="maxBytes"/>; a cut diff ends
    /// with <see cref="DiffTruncatedMarker"/>.
    /// </summary>
    public async Task<string> DiffAsync(string from, string? to = null, int maxBytes = DefaultMaxDiffBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        List<string> arguments = ["diff", "--no-color", "--no-ext-diff", "--no-textconv", await ResolveCommitAsync(from, cancellationToken)];
        if (to is not null)
        {
            arguments.Add(await ResolveCommitAsync(to, cancellationToken));
        }

        arguments.Add("--");
        var outcome = await GitAsync(arguments, environment: null, outputLimitBytes: maxBytes, cancellationToken);
        return outcome.OutputTruncated ? outcome.Stdout + DiffTruncatedMarker : outcome.Stdout;
    }

    /// <summary>The history of <c>HEAD</c>, newest first, at most <paramref name="maxCount"/> commits.</summary>
    public async Task<IReadOnlyList<GitCommit>> LogAsync(int maxCount = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var outcome = await GitAsync(
            ["log", "--no-color", "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%B%x1e", "--max-count=" + maxCount.ToString(CultureInfo.InvariantCulture), "HEAD", "--"],
            cancellationToken);
        return [.. outcome.Stdout
            .Split('\x1e', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(record => record.Split('\x1f', 5))
            .Where(fields => fields.Length == 5)
            .Select(fields => new GitCommit(
                fields[0],
                fields[1],
                fields[2],
                DateTimeOffset.Parse(fields[3], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                fields[4].TrimEnd('\n')))];
    }

    private async Task<string?> TryHeadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await GitAsync(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cancellationToken)).Stdout.Trim();
        }
        catch (GitCommandException ex) when (ex.ExitCode == 1)
        {
            return null;
        }
    }

    /// <summary>Turns a commit id or ref into a full id; rejects option-like input before git sees it.</summary>
    private async Task<string> ResolveCommitAsync(string commit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commit);
        if (!RevisionPattern().IsMatch(commit))
        {
            throw new ArgumentException($"'{commit}' is not a commit id or ref name.", nameof(commit));
        }

        return (await GitAsync(["rev-parse", "--verify", "--end-of-options", commit + "^{commit}"], cancellationToken)).Stdout.Trim();
    }

    private static void ValidateIdentityPart(string value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? parameterName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (value.AsSpan().IndexOfAny("<>\n\r\0") >= 0)
        {
            throw new ArgumentException($"'{value}' must not contain '<', '>' or line breaks.", parameterName);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./~^@{}-]{0,199}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RevisionPattern();
}
