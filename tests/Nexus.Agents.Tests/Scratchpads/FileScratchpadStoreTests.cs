using Nexus.Agents.Scratchpads;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Scratchpads;

public sealed class FileScratchpadStoreTests : ScratchpadStoreContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nexus-pads-").FullName;
    private readonly FileScratchpadStore _store;

    public FileScratchpadStoreTests() => _store = new FileScratchpadStore(_root, Redactor);

    protected override IScratchpadStore Store => _store;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    protected override void AssertNotPersisted(string secret)
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task WriteAsync_WritesReadableMarkdownAtTheDocumentedPath()
    {
        await _store.WriteAsync(Project, ScratchpadNames.AriaToCode, Entry("plan", "Build **it**."), TestContext.Current.CancellationToken);

        var path = Path.Combine(_root, Project, "scratchpads", "aria_to_code.md");
        _store.GetPadPath(Project, ScratchpadNames.AriaToCode).ShouldBe(path);
        (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ShouldBe(
            "# aria_to_code\n\n" +
            "<!-- nexus:entry step=\"plan\" author=\"ARIA\" at=\"2026-01-02T03:04:05.0000000+00:00\" -->\n" +
            "## ARIA — 2026-01-02 03:04:05Z\n\n" +
            "Build **it**.\n");
        Directory.EnumerateFiles(Path.GetDirectoryName(path)!).ShouldBe([path]);
    }

    [Fact]
    public async Task ReadAsync_FromAnotherInstance_ReadsBackWhatWasWritten()
    {
        await _store.WriteAsync(Project, ScratchpadNames.CodeToAlpha, Entry("s1", "one"), TestContext.Current.CancellationToken);
        await _store.WriteAsync(Project, ScratchpadNames.CodeToAlpha, Entry("s2", "two", "CODE", 1), TestContext.Current.CancellationToken);

        var pad = await new FileScratchpadStore(_root, Redactor).ReadAsync(Project, ScratchpadNames.CodeToAlpha, TestContext.Current.CancellationToken);

        pad.ShouldNotBeNull();
        pad.Entries.ShouldBe([Entry("s1", "one"), Entry("s2", "two", "CODE", 1)]);
    }

    [Fact]
    public async Task ReadAsync_HandWrittenTextOutsideEntries_IsIgnored()
    {
        var path = _store.GetPadPath(Project, ScratchpadNames.SharedContext);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(
            path,
            "# shared_context\r\n\r\nSome notes a human typed.\r\n\r\n<!-- nexus:entry step=\"s1\" author=\"ARIA\" at=\"2026-01-02T03:04:05.0000000+00:00\" -->\r\n## ARIA — 2026-01-02 03:04:05Z\r\n\r\nbody\r\n",
            TestContext.Current.CancellationToken);

        var pad = await _store.ReadAsync(Project, ScratchpadNames.SharedContext, TestContext.Current.CancellationToken);

        pad!.Entries.ShouldBe([Entry("s1", "body")]);
    }

    [Fact]
    public async Task ListAsync_IgnoresFilesThatAreNotPads()
    {
        await _store.WriteAsync(Project, ScratchpadNames.AriaToCode, Entry("s1", "x"), TestContext.Current.CancellationToken);
        var directory = Path.Combine(_root, Project, "scratchpads");
        await File.WriteAllTextAsync(Path.Combine(directory, "README.md"), "x", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "notes.txt"), "x", TestContext.Current.CancellationToken);

        (await _store.ListAsync(Project, TestContext.Current.CancellationToken)).ShouldBe(["aria_to_code"]);
    }
}
