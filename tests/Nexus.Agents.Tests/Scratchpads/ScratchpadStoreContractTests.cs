using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Scratchpads;

/// <summary>The <see cref="IScratchpadStore"/> contract; every store runs it through a derived class.</summary>
public abstract class ScratchpadStoreContractTests
{
    protected const string Project = "proj-1";

    protected static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    protected static readonly SecretRedactor Redactor = new(["configured-secret-value"]);

    protected abstract IScratchpadStore Store { get; }

    protected static ScratchpadEntry Entry(string step, string content, string author = "ARIA", int minutes = 0) =>
        new() { StepKey = step, Author = author, Timestamp = T0.AddMinutes(minutes), Content = content };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_PadNeverWritten_ReturnsNull() =>
        (await Store.ReadAsync(Project, ScratchpadNames.AriaToCode, Token)).ShouldBeNull();

    [Fact]
    public async Task WriteAsync_ThenRead_ReturnsTheEntryAndMarkdown()
    {
        var entry = Entry("iteration-1/plan", "# Plan\n\n- build the thing\n- test it", "ARIA");

        var stored = await Store.WriteAsync(Project, ScratchpadNames.AriaToCode, entry, Token);
        var pad = await Store.ReadAsync(Project, ScratchpadNames.AriaToCode, Token);

        stored.ShouldBe(entry);
        pad.ShouldNotBeNull();
        pad.ProjectId.ShouldBe(Project);
        pad.Name.ShouldBe(ScratchpadNames.AriaToCode);
        pad.Entries.ShouldBe([entry]);
        pad.Markdown.ShouldStartWith("# aria_to_code\n");
        pad.Markdown.ShouldContain("<!-- nexus:entry step=\"iteration-1/plan\" author=\"ARIA\" at=\"2026-01-02T03:04:05.0000000+00:00\" -->\n## ARIA — 2026-01-02 03:04:05Z\n\n# Plan\n");
    }

    [Fact]
    public async Task WriteAsync_SameStepKeyTwice_ReplacesTheEntryInPlace()
    {
        await Store.WriteAsync(Project, ScratchpadNames.CodeToAlpha, Entry("s1", "first"), Token);
        await Store.WriteAsync(Project, ScratchpadNames.CodeToAlpha, Entry("s2", "second, attempt 1", "CODE"), Token);
        await Store.WriteAsync(Project, ScratchpadNames.CodeToAlpha, Entry("s3", "third"), Token);

        await Store.WriteAsync(Project, ScratchpadNames.CodeToAlpha, Entry("s2", "second, attempt 2", "CODE", minutes: 9), Token);

        var pad = await Store.ReadAsync(Project, ScratchpadNames.CodeToAlpha, Token);
        pad.ShouldNotBeNull();
        pad.Entries.Select(e => e.StepKey).ShouldBe(["s1", "s2", "s3"]);
        pad.Entries[1].Content.ShouldBe("second, attempt 2");
        pad.Entries[1].Timestamp.ShouldBe(T0.AddMinutes(9));
        pad.Markdown.ShouldNotContain("attempt 1");
    }

    [Fact]
    public async Task WriteAsync_IdenticalRetry_LeavesThePadAsAfterOneWrite()
    {
        var entry = Entry("s1", "once");
        await Store.WriteAsync(Project, ScratchpadNames.SharedContext, entry, Token);
        var once = (await Store.ReadAsync(Project, ScratchpadNames.SharedContext, Token))!.Markdown;

        await Store.WriteAsync(Project, ScratchpadNames.SharedContext, entry, Token);

        (await Store.ReadAsync(Project, ScratchpadNames.SharedContext, Token))!.Markdown.ShouldBe(once);
    }

    [Fact]
    public async Task WriteAsync_NewStepKeys_AppendInWriteOrder()
    {
        foreach (var step in new[] { "b", "a", "c" })
        {
            await Store.WriteAsync(Project, ScratchpadNames.BetaToAria, Entry(step, $"from {step}"), Token);
        }

        var pad = await Store.ReadAsync(Project, ScratchpadNames.BetaToAria, Token);
        pad!.Entries.Select(e => e.StepKey).ShouldBe(["b", "a", "c"]);
    }

    [Fact]
    public async Task WriteAsync_AgentReplyContainingAKey_NeverReachesTheScratchpad()
    {
        const string leakedKey = "sk-ant-api03-Zx9yW8vU7tS6rQ5pO4nM3lK2jI1hG0fE";
        var reply = $"Done. I used the key {leakedKey} and configured-secret-value to call the API.\nAuthorization: Bearer abcdefghijklmnop";

        var stored = await Store.WriteAsync(Project, ScratchpadNames.AlphaToBeta, Entry("s1", reply, "ALPHA"), Token);
        var pad = await Store.ReadAsync(Project, ScratchpadNames.AlphaToBeta, Token);

        stored.Content.ShouldBe("Done. I used the key [REDACTED] and [REDACTED] to call the API.\nAuthorization: [REDACTED]");
        pad!.Entries.Single().Content.ShouldBe(stored.Content);
        pad.Markdown.ShouldNotContain(leakedKey);
        pad.Markdown.ShouldNotContain("configured-secret-value");
        pad.Markdown.ShouldNotContain("abcdefghijklmnop");
        AssertNotPersisted(leakedKey);
        AssertNotPersisted("configured-secret-value");
    }

    /// <summary>Checks that the store's durable form (if any) does not contain <paramref name="secret"/>.</summary>
    protected virtual void AssertNotPersisted(string secret)
    {
    }

    [Fact]
    public async Task WriteAsync_ContentIsNormalized_AndReturnedAsStored()
    {
        var stored = await Store.WriteAsync(Project, ScratchpadNames.SharedContext, Entry("s1", "line 1\r\nline 2\r\n\r\n\n"), Token);

        stored.Content.ShouldBe("line 1\nline 2");
        (await Store.ReadAsync(Project, ScratchpadNames.SharedContext, Token))!.Entries.Single().ShouldBe(stored);
    }

    [Fact]
    public async Task WriteAsync_AwkwardContentAndAttributes_RoundTripExactly()
    {
        var entry = new ScratchpadEntry
        {
            StepKey = "step \"quoted\" <x> & -->",
            Author = "Dr. \"Beta\" & co",
            Timestamp = new DateTimeOffset(2026, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)),
            Content = "\n\nleading blank lines kept\n<!-- nexus:entry step=\"fake\" author=\"x\" at=\"2026-01-01T00:00:00Z\" -->\n\\<!-- nexus:entry already escaped\n## Not a heading of ours\n\n<!-- a normal comment -->\nunicode: é 漢字 🚀",
        };

        await Store.WriteAsync(Project, ScratchpadNames.OrchestratorFeedback, entry, Token);
        await Store.WriteAsync(Project, ScratchpadNames.OrchestratorFeedback, Entry("next", "after"), Token);

        var pad = await Store.ReadAsync(Project, ScratchpadNames.OrchestratorFeedback, Token);
        pad!.Entries.Count.ShouldBe(2);
        pad.Entries[0].ShouldBe(entry);
        pad.Entries[1].Content.ShouldBe("after");
    }

    [Fact]
    public async Task WriteAsync_EmptyContent_IsAllowed()
    {
        await Store.WriteAsync(Project, ScratchpadNames.SharedContext, Entry("s1", ""), Token);
        await Store.WriteAsync(Project, ScratchpadNames.SharedContext, Entry("s2", "x"), Token);

        var pad = await Store.ReadAsync(Project, ScratchpadNames.SharedContext, Token);
        pad!.Entries.Select(e => e.Content).ShouldBe(["", "x"]);
    }

    [Fact]
    public async Task ListAsync_ReturnsWrittenPadsInOrdinalOrder_PerProject()
    {
        await Store.WriteAsync(Project, ScratchpadNames.SharedContext, Entry("s1", "x"), Token);
        await Store.WriteAsync(Project, ScratchpadNames.AriaToCode, Entry("s1", "x"), Token);
        await Store.WriteAsync(Project, "my_notes_2", Entry("s1", "x"), Token);
        await Store.WriteAsync("other", ScratchpadNames.BetaToAria, Entry("s1", "x"), Token);

        (await Store.ListAsync(Project, Token)).ShouldBe(["aria_to_code", "my_notes_2", "shared_context"]);
        (await Store.ListAsync("other", Token)).ShouldBe(["beta_to_aria"]);
        (await Store.ListAsync("nobody", Token)).ShouldBeEmpty();
        (await Store.ReadAsync("other", ScratchpadNames.AriaToCode, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentSteps_AllLand()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Store.WriteAsync(Project, ScratchpadNames.SharedContext, Entry($"step-{i:D2}", $"content {i}"), Token).AsTask()));

        var pad = await Store.ReadAsync(Project, ScratchpadNames.SharedContext, Token);
        pad!.Entries.Select(e => e.StepKey).Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(0, 20).Select(i => $"step-{i:D2}"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("Aria_to_code")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Operations_InvalidPadName_ThrowArgumentException(string pad)
    {
        await Should.ThrowAsync<ArgumentException>(async () => await Store.WriteAsync(Project, pad, Entry("s", "x"), Token));
        await Should.ThrowAsync<ArgumentException>(async () => await Store.ReadAsync(Project, pad, Token));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("with space")]
    public async Task Operations_InvalidProjectId_ThrowArgumentException(string projectId)
    {
        await Should.ThrowAsync<ArgumentException>(async () => await Store.WriteAsync(projectId, ScratchpadNames.AriaToCode, Entry("s", "x"), Token));
        await Should.ThrowAsync<ArgumentException>(async () => await Store.ReadAsync(projectId, ScratchpadNames.AriaToCode, Token));
        await Should.ThrowAsync<ArgumentException>(async () => await Store.ListAsync(projectId, Token));
    }

    [Fact]
    public async Task WriteAsync_BlankStepKey_ThrowsArgumentException() =>
        await Should.ThrowAsync<ArgumentException>(async () => await Store.WriteAsync(Project, ScratchpadNames.AriaToCode, Entry(" ", "x"), Token));
}
