using Nexus.Agents.Processes;
using Nexus.Agents.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Workspaces;

public sealed class GitWorkspaceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly string _root = Directory.CreateTempSubdirectory("nexus-git-").FullName;
    private readonly FixedClock _clock = new(Now);
    private readonly ProcessRunner _runner = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string PathIn(params string[] parts) => Path.Combine([_root, "ws", .. parts]);

    private Task<GitWorkspace> OpenAsync(IProcessRunner? runner = null) =>
        GitWorkspace.OpenOrInitAsync(Path.Combine(_root, "ws"), runner ?? _runner, _clock, Token);

    /// <summary>Plain git for assertions, isolated from the machine's config like the workspace is.</summary>
    private async Task<string> RawGitAsync(string directory, params string[] arguments)
    {
        var outcome = await _runner.RunAsync(
            new ProcessSpec
            {
                FileName = "git",
                Arguments = arguments,
                WorkingDirectory = directory,
                Environment = new Dictionary<string, string?> { ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["GIT_CONFIG_NOSYSTEM"] = "1" },
            },
            Token);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        return outcome.Stdout.TrimEnd('\n');
    }

    private static async Task WriteAsync(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, Token);
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
    }

    [Fact]
    public async Task OpenOrInitAsync_NewFolder_CreatesRepositoryOnMainWithAnEmptyInitialCommitByNexus()
    {
        var workspace = await OpenAsync();

        Directory.Exists(PathIn(".git")).ShouldBeTrue();
        (await RawGitAsync(workspace.Directory, "symbolic-ref", "--short", "HEAD")).ShouldBe("main");
        var log = await workspace.LogAsync(cancellationToken: Token);
        var initial = log.ShouldHaveSingleItem();
        initial.AuthorName.ShouldBe("NEXUS");
        initial.AuthorEmail.ShouldBe("nexus@nexus.local");
        initial.Message.ShouldBe(GitWorkspace.InitialCommitMessage);
        initial.Timestamp.ShouldBe(Now);
        initial.Id.ShouldBe(await workspace.HeadAsync(Token));
        initial.Id.ShouldMatch("^[0-9a-f]{40}$");
        (await RawGitAsync(workspace.Directory, "ls-tree", "-r", "HEAD")).ShouldBeEmpty();
        (await RawGitAsync(workspace.Directory, "log", "-1", "--format=%cn <%ce>")).ShouldBe("NEXUS <nexus@nexus.local>");
        (await RawGitAsync(workspace.Directory, "config", "--local", "commit.gpgSign")).ShouldBe("false");
        (await RawGitAsync(workspace.Directory, "config", "--local", "core.hooksPath")).ShouldBe("/dev/null");
    }

    [Fact]
    public async Task OpenOrInitAsync_ExistingWorkspace_OpensWithoutANewCommit()
    {
        var first = await OpenAsync();
        var head = await first.HeadAsync(Token);

        var second = await OpenAsync();

        (await second.HeadAsync(Token)).ShouldBe(head);
        (await second.LogAsync(cancellationToken: Token)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task OpenOrInitAsync_FolderInsideAnotherRepository_GetsItsOwnRepository()
    {
        var outer = await GitWorkspace.OpenOrInitAsync(_root, _runner, _clock, Token);
        var inner = await OpenAsync();

        Directory.Exists(PathIn(".git")).ShouldBeTrue();
        (await RawGitAsync(inner.Directory, "rev-parse", "--show-toplevel")).ShouldBe(inner.Directory);
        (await inner.LogAsync(cancellationToken: Token)).ShouldHaveSingleItem();
        (await outer.LogAsync(cancellationToken: Token)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task CommitAllAsync_Changes_CommitsAsTheAgentWithEveryChangedPath()
    {
        var workspace = await OpenAsync();
        await WriteAsync(PathIn("src", "app.js"), "console.log(1);\n");
        await WriteAsync(PathIn("README.md"), "# hi\n");
        await WriteAsync(PathIn("dir with space", "ünï.txt"), "x\n");
        var first = await workspace.CommitAllAsync("CODE", "code@nexus.local", "CODE: implement", cancellationToken: Token);
        File.Delete(PathIn("README.md"));
        await WriteAsync(PathIn("src", "app.js"), "console.log(2);\n");
        _clock.Now = Now.AddHours(1);

        var second = await workspace.CommitAllAsync("ALPHA", "alpha@nexus.local", "ALPHA: tests\n\nLonger body.", cancellationToken: Token);

        first.ShouldNotBeNull();
        first.ChangedFiles.ShouldBe(["README.md", "dir with space/ünï.txt", "src/app.js"]);
        second.ShouldNotBeNull();
        second.ChangedFiles.ShouldBe(["README.md", "src/app.js"]);
        second.CommitId.ShouldBe(await workspace.HeadAsync(Token));
        var log = await workspace.LogAsync(cancellationToken: Token);
        log.Select(c => c.AuthorName).ShouldBe(["ALPHA", "CODE", "NEXUS"]);
        log[0].ShouldBe(new GitCommit(second.CommitId, "ALPHA", "alpha@nexus.local", Now.AddHours(1), "ALPHA: tests\n\nLonger body."));
        log[1].Id.ShouldBe(first.CommitId);
        (await RawGitAsync(workspace.Directory, "log", "-1", "--format=%cn <%ce> %ct")).ShouldBe($"ALPHA <alpha@nexus.local> {Now.AddHours(1).ToUnixTimeSeconds()}");
        (await workspace.LogAsync(maxCount: 2, cancellationToken: Token)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task CommitAllAsync_NothingChanged_ReturnsNullUnlessEmptyCommitsAreAllowed()
    {
        var workspace = await OpenAsync();
        var head = await workspace.HeadAsync(Token);

        var none = await workspace.CommitAllAsync("BETA", "beta@nexus.local", "BETA: nothing", cancellationToken: Token);
        (await workspace.HeadAsync(Token)).ShouldBe(head);
        var empty = await workspace.CommitAllAsync("BETA", "beta@nexus.local", "BETA: validated", allowEmpty: true, cancellationToken: Token);

        none.ShouldBeNull();
        empty.ShouldNotBeNull();
        empty.ChangedFiles.ShouldBeEmpty();
        empty.CommitId.ShouldNotBe(head);
        (await workspace.LogAsync(cancellationToken: Token))[0].Message.ShouldBe("BETA: validated");
    }

    [Fact]
    public async Task CommitAllAsync_HostileGlobalConfigAndRepositoryHooks_AreIgnored()
    {
        var home = Path.Combine(_root, "home");
        await WriteAsync(Path.Combine(home, "hooks", "pre-commit"), "#!/bin/sh\nexit 1\n");
        MakeExecutable(Path.Combine(home, "hooks", "pre-commit"));
        await WriteAsync(
            Path.Combine(home, ".gitconfig"),
            $"[user]\n\tname = Global Person\n\temail = global@example.com\n[commit]\n\tgpgSign = true\n[gpg]\n\tprogram = /nonexistent/gpg\n[core]\n\thooksPath = {home}/hooks\n\texcludesFile = {home}/ignore\n[init]\n\tdefaultBranch = trunk\n");
        await WriteAsync(Path.Combine(home, "ignore"), "*.txt\n");
        var runner = new HomeOverridingRunner(_runner, home);
        var workspace = await OpenAsync(runner);
        await WriteAsync(PathIn(".git", "hooks", "pre-commit"), "#!/bin/sh\nexit 1\n");
        MakeExecutable(PathIn(".git", "hooks", "pre-commit"));
        await WriteAsync(PathIn("a.txt"), "a\n");

        var result = await workspace.CommitAllAsync("CODE", "code@nexus.local", "CODE: change", cancellationToken: Token);

        result.ShouldNotBeNull();
        result.ChangedFiles.ShouldBe(["a.txt"]);
        runner.Calls.ShouldBeGreaterThan(0);
        (await RawGitAsync(workspace.Directory, "symbolic-ref", "--short", "HEAD")).ShouldBe("main");
        (await RawGitAsync(workspace.Directory, "log", "--format=%an <%ae> / %cn <%ce>")).ShouldBe(
            "CODE <code@nexus.local> / CODE <code@nexus.local>\nNEXUS <nexus@nexus.local> / NEXUS <nexus@nexus.local>");
    }

    [Fact]
    public async Task ResetToAsync_DirtyTree_RestoresTheCommitExactly()
    {
        var workspace = await OpenAsync();
        await WriteAsync(PathIn(".gitignore"), "build/\n");
        await WriteAsync(PathIn("keep.txt"), "original\n");
        var start = (await workspace.CommitAllAsync("ARIA", "aria@nexus.local", "ARIA: plan", cancellationToken: Token))!.CommitId;
        await WriteAsync(PathIn("later.txt"), "later\n");
        await workspace.CommitAllAsync("CODE", "code@nexus.local", "CODE: half done", cancellationToken: Token);
        await WriteAsync(PathIn("keep.txt"), "modified\n");
        await WriteAsync(PathIn("untracked", "new.txt"), "new\n");
        await WriteAsync(PathIn("build", "out.bin"), "ignored\n");
        File.Delete(PathIn(".gitignore"));

        await workspace.ResetToAsync(start, Token);

        (await workspace.HeadAsync(Token)).ShouldBe(start);
        (await File.ReadAllTextAsync(PathIn("keep.txt"), Token)).ShouldBe("original\n");
        File.Exists(PathIn(".gitignore")).ShouldBeTrue();
        File.Exists(PathIn("later.txt")).ShouldBeFalse();
        Directory.Exists(PathIn("untracked")).ShouldBeFalse();
        Directory.Exists(PathIn("build")).ShouldBeFalse();
        (await RawGitAsync(workspace.Directory, "status", "--porcelain", "--ignored")).ShouldBeEmpty();
    }

    [Fact]
    public async Task ResetToAsync_UnknownOrOptionLikeCommit_Throws()
    {
        var workspace = await OpenAsync();

        await Should.ThrowAsync<GitCommandException>(() => workspace.ResetToAsync("0123456789abcdef0123456789abcdef01234567", Token));
        await Should.ThrowAsync<ArgumentException>(() => workspace.ResetToAsync("--hard", Token));
        await Should.ThrowAsync<ArgumentException>(() => workspace.ResetToAsync("HEAD; rm -rf /", Token));
    }

    [Fact]
    public async Task DiffAsync_BetweenCommitsAndToTheWorkTree_ReturnsUnifiedDiff()
    {
        var workspace = await OpenAsync();
        var start = await workspace.HeadAsync(Token);
        await WriteAsync(PathIn("a.txt"), "one\ntwo\n");
        var end = (await workspace.CommitAllAsync("CODE", "code@nexus.local", "CODE: a", cancellationToken: Token))!.CommitId;
        await WriteAsync(PathIn("a.txt"), "one\nthree\n");

        var committed = await workspace.DiffAsync(start, end, cancellationToken: Token);
        var working = await workspace.DiffAsync(end, cancellationToken: Token);

        committed.ShouldContain("diff --git a/a.txt b/a.txt");
        committed.ShouldContain("new file mode 100644");
        committed.ShouldContain("+one\n+two\n");
        working.ShouldContain("-two\n+three\n");
        (await workspace.DiffAsync(end, end, cancellationToken: Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DiffAsync_LargerThanTheCap_IsCutAndMarked()
    {
        var workspace = await OpenAsync();
        var start = await workspace.HeadAsync(Token);
        await WriteAsync(PathIn("big.txt"), string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i}\n")));
        await workspace.CommitAllAsync("CODE", "code@nexus.local", "CODE: big", cancellationToken: Token);

        var diff = await workspace.DiffAsync(start, "HEAD", maxBytes: 1000, cancellationToken: Token);

        diff.ShouldEndWith(GitWorkspace.DiffTruncatedMarker);
        diff.Length.ShouldBe(1000 + GitWorkspace.DiffTruncatedMarker.Length);
    }

    [Fact]
    public async Task CommitAllAsync_BadIdentity_ThrowsArgumentException()
    {
        var workspace = await OpenAsync();

        await Should.ThrowAsync<ArgumentException>(() => workspace.CommitAllAsync("", "a@b", "m", cancellationToken: Token));
        await Should.ThrowAsync<ArgumentException>(() => workspace.CommitAllAsync("A <x>", "a@b", "m", cancellationToken: Token));
        await Should.ThrowAsync<ArgumentException>(() => workspace.CommitAllAsync("A", "a@b\nX", "m", cancellationToken: Token));
        await Should.ThrowAsync<ArgumentException>(() => workspace.CommitAllAsync("A", "a@b", " ", cancellationToken: Token));
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Points git's HOME at a folder with a hostile global config, to prove the workspace ignores it.</summary>
    public sealed class HomeOverridingRunner(IProcessRunner inner, string home) : IProcessRunner
    {
        private int _calls;

        public int Calls => _calls;

        public Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            var environment = new Dictionary<string, string?>(spec.Environment) { ["HOME"] = home, ["XDG_CONFIG_HOME"] = home };
            return inner.RunAsync(spec with { Environment = environment }, cancellationToken);
        }
    }
}
