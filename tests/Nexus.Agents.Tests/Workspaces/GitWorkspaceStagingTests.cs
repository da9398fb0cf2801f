using Nexus.Agents.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Workspaces;

public sealed class GitWorkspaceStagingTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StageAllAsync_ModifiedAndNewFiles_ReturnsOnlyTheAddedLinesWithTheirNumbers()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        _folder.WriteFile("app.js", "one\ntwo\nthree\nfour\n");
        _folder.WriteFile("gone.txt", "bye\n");
        await workspace.CommitAllAsync("Code", "code@nexus.local", "first", cancellationToken: Token);
        _folder.WriteFile("app.js", "one\nTWO\nthree\ninserted 1\ninserted 2\nfour\nlast line without break");
        _folder.WriteFile("new.txt", "a\r\n\r\nc\r\n");
        File.Delete(_folder.Combine("gone.txt"));

        var staged = await workspace.StageAllAsync(Token);

        staged.ChangedFiles.ShouldBe(["app.js", "gone.txt", "new.txt"]);
        staged.Truncated.ShouldBeFalse();
        staged.Files.Select(f => f.Path).ShouldBe(["app.js", "new.txt"], "deletions add nothing");
        staged.Files[0].AddedLines.ShouldBe([new(2, "TWO"), new(4, "inserted 1"), new(5, "inserted 2"), new(7, "last line without break")]);
        staged.Files[1].AddedLines.ShouldBe([new(1, "a"), new(2, ""), new(3, "c")]);
    }

    [Fact]
    public async Task StageAllAsync_AddedLinesThatLookLikeDiffHeaders_AreLinesOfTheFile()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        _folder.WriteFile("patch.diff", "diff --git a/x b/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n");
        _folder.WriteFile("z.txt", "after\n");

        var staged = await workspace.StageAllAsync(Token);

        staged.Files.Select(f => f.Path).ShouldBe(["patch.diff", "z.txt"]);
        staged.Files[0].AddedLines.Select(l => l.Text).ShouldBe(["diff --git a/x b/x", "+++ b/x", "@@ -1 +1 @@", "-old", "+new"]);
        staged.Files[1].AddedLines.ShouldBe([new(1, "after")]);
    }

    [Fact]
    public async Task StageAllAsync_PathsWithSpacesQuotesTabsAndAccents_AreReadBackExactly()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        string[] names = ["dir with space/a b.txt", "q\"uote.txt", "t\tab.txt", "ünï cödé.md", "back\\slash.txt"];
        foreach (var name in names)
        {
            _folder.WriteFile(name, name + "\n");
        }

        var staged = await workspace.StageAllAsync(Token);

        staged.Files.Select(f => f.Path).Order(StringComparer.Ordinal).ShouldBe(names.Order(StringComparer.Ordinal));
        staged.Files.ShouldAllBe(f => f.AddedLines.Single().Text == f.Path);
    }

    [Fact]
    public async Task StageAllAsync_NothingChanged_ReturnsNoChanges()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);

        var staged = await workspace.StageAllAsync(Token);

        staged.ShouldBe(new StagedChanges([], [], Truncated: false));
    }

    [Fact]
    public async Task CommitStagedAsync_WorkTreeChangedAfterStaging_CommitsWhatWasStaged()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        _folder.WriteFile("checked.txt", "checked\n");
        await workspace.StageAllAsync(Token);
        _folder.WriteFile("late.txt", "written after the check\n");
        _folder.WriteFile("checked.txt", "changed after the check\n");

        var commit = await workspace.CommitStagedAsync("Code", "code@nexus.local", "Code: implement", Token);

        commit.ChangedFiles.ShouldBe(["checked.txt"]);
        commit.CommitId.ShouldBe(await workspace.HeadAsync(Token));
        var diff = await workspace.DiffAsync(commit.CommitId + "~1", commit.CommitId, cancellationToken: Token);
        diff.ShouldContain("+checked");
        diff.ShouldNotContain("late.txt");
        diff.ShouldNotContain("changed after the check");
        (await workspace.LogAsync(1, Token)).Single().AuthorName.ShouldBe("Code");
    }

    [Fact]
    public async Task SoftResetToAsync_AfterCommitsMadeInTheWorkTree_StagesTheirChangesAgain()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        var start = await workspace.HeadAsync(Token);
        _folder.WriteFile("leak.txt", "committed by the agent itself\n");
        await workspace.CommitAllAsync("Agent", "agent@example.com", "agent's own commit", cancellationToken: Token);
        _folder.WriteFile("later.txt", "not committed\n");

        await workspace.SoftResetToAsync(start, Token);
        var staged = await workspace.StageAllAsync(Token);
        var commit = await workspace.CommitStagedAsync("Code", "code@nexus.local", "Code: implement", Token);

        staged.Files.Select(f => f.Path).ShouldBe(["later.txt", "leak.txt"]);
        staged.Files[1].AddedLines.ShouldBe([new(1, "committed by the agent itself")]);
        commit.ChangedFiles.ShouldBe(["later.txt", "leak.txt"]);
        (await workspace.LogAsync(cancellationToken: Token)).Select(c => c.Message).ShouldBe(["Code: implement", GitWorkspace.InitialCommitMessage]);
    }

    [Fact]
    public async Task ResetToAsync_AfterStaging_DiscardsTheStagedWork()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        var start = await workspace.HeadAsync(Token);
        _folder.WriteFile("leak.txt", "secret\n");
        await workspace.StageAllAsync(Token);

        await workspace.ResetToAsync(start, Token);

        File.Exists(_folder.Combine("leak.txt")).ShouldBeFalse();
        (await workspace.StageAllAsync(Token)).ChangedFiles.ShouldBeEmpty();
        (await workspace.HeadAsync(Token)).ShouldBe(start);
    }
}
