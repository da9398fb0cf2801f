using Nexus.Agents.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Workspaces;

public sealed class FileEditApplierTests : IDisposable
{
    private readonly TemporaryFolder _root = new();
    private readonly string _workspace;
    private readonly string _outside;

    public FileEditApplierTests()
    {
        _workspace = _root.CreateFolder("ws");
        _outside = _root.CreateFolder("outside");
        _root.WriteFile("ws/.git/config", "[core]\n");
        _root.WriteFile("ws/.git/hooks/pre-commit.sample", "#!/bin/sh\n");
        _root.WriteFile("ws/src/app.py", "print('v1')\n");
        _root.WriteFile("outside/secret.txt", "top secret\n");
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Apply_ValidEdits_WritesDeletesAndReportsRelativePaths()
    {
        var applier = new FileEditApplier(_workspace);

        var changed = applier.Apply(
        [
            FileEdit.Write("src/app.py", "print('v2')\n"),
            FileEdit.Write("tests\\test_app.py", "def test(): pass\n"),
            FileEdit.Write("./docs//notes.md", "# notes\n"),
            FileEdit.Remove("src/missing.txt"),
        ], TestContext.Current.CancellationToken);

        changed.ShouldBe(["src/app.py", "tests/test_app.py", "docs/notes.md"]);
        File.ReadAllText(Path.Join(_workspace, "src", "app.py")).ShouldBe("print('v2')\n");
        File.ReadAllText(Path.Join(_workspace, "tests", "test_app.py")).ShouldBe("def test(): pass\n");
        File.ReadAllText(Path.Join(_workspace, "docs", "notes.md")).ShouldBe("# notes\n");

        applier.Apply([FileEdit.Remove("src/app.py")], TestContext.Current.CancellationToken).ShouldBe(["src/app.py"]);
        File.Exists(Path.Join(_workspace, "src", "app.py")).ShouldBeFalse();
        Directory.GetFiles(Path.Join(_workspace, "src")).ShouldBeEmpty("no temporary files are left behind");
    }

    [Fact]
    public void Apply_SameContent_IsNotReportedAsChanged()
    {
        var applier = new FileEditApplier(_workspace);

        applier.Apply([FileEdit.Write("src/app.py", "print('v1')\n")], TestContext.Current.CancellationToken).ShouldBeEmpty();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Apply_ExistingExecutable_KeepsItsMode()
    {
        var script = _root.WriteFile("ws/run.sh", "#!/bin/sh\necho 1\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        new FileEditApplier(_workspace).Apply([FileEdit.Write("run.sh", "#!/bin/sh\necho 2\n")], TestContext.Current.CancellationToken);

        File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
        File.ReadAllText(script).ShouldBe("#!/bin/sh\necho 2\n");
    }

    public static TheoryData<string, string> HostilePaths => new()
    {
        { "/etc/passwd", "absolute" },
        { "/tmp/x.txt", "absolute" },
        { "C:\\Windows\\x.txt", "absolute" },
        { "\\\\server\\share\\x", "absolute" },
        { "../x", "'..'" },
        { "..", "'..'" },
        { "a/../../b", "'..'" },
        { "a/../b", "'..'" },
        { "a\\..\\..\\b", "'..'" },
        { ".git/config", ".git" },
        { ".GIT/hooks/x", ".git" },
        { "sub/.Git/hooks/post-checkout", ".git" },
        { ".git./config", ".git" },
        { "GIT~1/config", ".git" },
        { "", "empty" },
        { "   ", "empty" },
        { "a\0b", "NUL" },
        { "a/b\nc", "control character" },
        { ".", "names no file" },
        { "src", "directory" },
        { "src/app.py/x", "is a file" },
    };

    [Theory]
    [MemberData(nameof(HostilePaths))]
    public void Apply_HostilePath_RefusedAndNothingWritten(string path, string expectedReason)
    {
        var before = _root.Snapshot();
        var applier = new FileEditApplier(_workspace);

        var error = Should.Throw<FileEditRejectedException>(() => applier.Apply(
            [FileEdit.Write("innocent.txt", "first edit of the batch"), FileEdit.Write(path, "pwned")],
            TestContext.Current.CancellationToken));

        error.EditPath.ShouldBe(path);
        error.Message.ShouldContain(expectedReason, Case.Insensitive);
        error.Message.ShouldContain("File edit refused for path '");
        _root.Snapshot().ShouldBe(before);
    }

    [Fact]
    public void Apply_HostileDelete_RefusedAndNothingDeleted()
    {
        var before = _root.Snapshot();
        var applier = new FileEditApplier(_workspace);

        Should.Throw<FileEditRejectedException>(() => applier.Apply(
            [FileEdit.Remove("src/app.py"), FileEdit.Remove(".git/config")], TestContext.Current.CancellationToken));
        Should.Throw<FileEditRejectedException>(() => applier.Apply(
            [FileEdit.Remove("src/app.py"), FileEdit.Remove("../outside/secret.txt")], TestContext.Current.CancellationToken));

        _root.Snapshot().ShouldBe(before);
    }

    [Fact]
    public void Apply_ThroughSymlinkedFolderLeadingOutside_Refused()
    {
        Directory.CreateSymbolicLink(Path.Join(_workspace, "escape"), _outside);
        AssertRefused("escape/secret.txt", "outside the workspace");
        AssertRefused("escape/new.txt", "outside the workspace");
    }

    [Fact]
    public void Apply_ThroughRelativeSymlinkChainLeadingOutside_Refused()
    {
        Directory.CreateDirectory(Path.Join(_workspace, "deep", "er"));
        Directory.CreateSymbolicLink(Path.Join(_workspace, "deep", "er", "up"), "../../..");
        Directory.CreateSymbolicLink(Path.Join(_workspace, "hop"), "deep/er/up");
        AssertRefused("hop/outside/secret.txt", "outside the workspace");
    }

    [Fact]
    public void Apply_ThroughSymlinkedFileLeadingOutside_Refused()
    {
        File.CreateSymbolicLink(Path.Join(_workspace, "notes.txt"), Path.Join(_outside, "secret.txt"));
        AssertRefused("notes.txt", "outside the workspace");
    }

    [Fact]
    public void Apply_ThroughDanglingSymlinkLeadingOutside_Refused()
    {
        File.CreateSymbolicLink(Path.Join(_workspace, "later.txt"), Path.Join(_outside, "created-by-agent.txt"));
        AssertRefused("later.txt", "outside the workspace");
        File.Exists(Path.Join(_outside, "created-by-agent.txt")).ShouldBeFalse();
    }

    [Fact]
    public void Apply_ThroughSymlinkIntoGit_Refused()
    {
        Directory.CreateSymbolicLink(Path.Join(_workspace, "docs"), ".git");
        AssertRefused("docs/config", ".git");
    }

    [Fact]
    public void Apply_SymlinkLoop_Refused()
    {
        Directory.CreateSymbolicLink(Path.Join(_workspace, "loop"), "loop");
        AssertRefused("loop/x.txt", "symbolic links");
    }

    [Fact]
    public void Apply_SymlinkStayingInsideWorkspace_IsFollowed()
    {
        Directory.CreateSymbolicLink(Path.Join(_workspace, "source"), "src");

        var changed = new FileEditApplier(_workspace).Apply([FileEdit.Write("source/app.py", "print('v3')\n")], TestContext.Current.CancellationToken);

        changed.ShouldBe(["source/app.py"]);
        File.ReadAllText(Path.Join(_workspace, "src", "app.py")).ShouldBe("print('v3')\n");
    }

    [Fact]
    public void Apply_WorkspaceReachedThroughSymlink_StillConfined()
    {
        var linkedWorkspace = Path.Join(_root.Path, "ws-link");
        Directory.CreateSymbolicLink(linkedWorkspace, _workspace);
        var applier = new FileEditApplier(linkedWorkspace);

        applier.Apply([FileEdit.Write("a.txt", "a")], TestContext.Current.CancellationToken).ShouldBe(["a.txt"]);
        File.ReadAllText(Path.Join(_workspace, "a.txt")).ShouldBe("a");
        Should.Throw<FileEditRejectedException>(() => applier.Apply([FileEdit.Write(".git/HEAD", "x")], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Apply_SameFileTwice_Refused()
    {
        AssertRefused(["x.txt", "./x.txt"], "more than once");
    }

    [Fact]
    public void Apply_ContentAndDeleteTogether_Refused()
    {
        var before = _root.Snapshot();
        Should.Throw<FileEditRejectedException>(() => new FileEditApplier(_workspace).Apply([new FileEdit("x.txt", "c", Delete: true)], TestContext.Current.CancellationToken))
            .Reason.ShouldContain("both content and delete");
        Should.Throw<FileEditRejectedException>(() => new FileEditApplier(_workspace).Apply([new FileEdit("x.txt", null)], TestContext.Current.CancellationToken))
            .Reason.ShouldContain("neither content nor delete");
        _root.Snapshot().ShouldBe(before);
    }

    [Fact]
    public void Apply_CanceledBeforeWriting_WritesNothing()
    {
        var before = _root.Snapshot();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Should.Throw<OperationCanceledException>(() => new FileEditApplier(_workspace).Apply([FileEdit.Write("x.txt", "x")], cancellation.Token));

        _root.Snapshot().ShouldBe(before);
    }

    [Fact]
    public void Constructor_MissingWorkspace_Throws()
    {
        Should.Throw<DirectoryNotFoundException>(() => new FileEditApplier(Path.Join(_root.Path, "nope")));
    }

    private void AssertRefused(string hostilePath, string expectedReason) => AssertRefused(["innocent.txt", hostilePath], expectedReason);

    private void AssertRefused(string[] paths, string expectedReason)
    {
        var before = _root.Snapshot();
        var applier = new FileEditApplier(_workspace);

        var error = Should.Throw<FileEditRejectedException>(() => applier.Apply(
            paths.Select(p => FileEdit.Write(p, "pwned")).ToArray(), TestContext.Current.CancellationToken));

        error.EditPath.ShouldBe(paths[^1]);
        error.Message.ShouldContain(expectedReason, Case.Insensitive);
        _root.Snapshot().ShouldBe(before);
    }
}
