using Nexus.Workflows.Memory;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Memory;

/// <summary>What every memory across projects does, run against SQLite FTS5 and PostgreSQL full-text search.</summary>
public abstract class ProjectMemoryContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IProjectMemory Memory { get; private set; } = null!;

    protected abstract Task<IProjectMemory> CreateAsync();

    public async ValueTask InitializeAsync() => Memory = await CreateAsync();

    public virtual ValueTask DisposeAsync() => Memory is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    private static MemoryEntry Entry(string project, string kind, string title, string text) => new(project, kind, title, text, Created);

    private async Task SeedAsync()
    {
        await Memory.RememberAsync("p-stack", [
            Entry("p-stack", MemoryKinds.Plan, "Plan: a stack in TypeScript", "Push and peek on an array-backed stack."),
            Entry("p-stack", MemoryKinds.Fix, "Fixed test: pop empty stack throws", "The stack returned undefined; the fix throws a RangeError when the stack is empty."),
        ], [], Ct);
        await Memory.RememberAsync("p-queue", [
            Entry("p-queue", MemoryKinds.Plan, "Plan: a queue", "Enqueue and dequeue with two stacks; the queue stays amortised O(1)."),
        ], [], Ct);
        await Memory.RememberAsync("p-http", [
            Entry("p-http", MemoryKinds.Decision, "Prime: fix_implementation", "The HTTP handler ignored the Content-Type header."),
        ], [], Ct);
    }

    [Fact]
    public async Task SearchAsync_RanksTheEntriesWithMoreOfTheWordsFirst_AndTitlesAboveText()
    {
        await SeedAsync();

        var hits = await Memory.SearchAsync("pop from an empty stack", 10, cancellationToken: Ct);

        hits.Select(h => h.Entry.Title).ShouldBe(["Fixed test: pop empty stack throws", "Plan: a stack in TypeScript", "Plan: a queue"]);
        hits.Select(h => h.Score).ShouldBeInOrder(SortDirection.Descending);
        hits[0].Entry.ProjectId.ShouldBe("p-stack");
        hits[0].Entry.Kind.ShouldBe(MemoryKinds.Fix);
        hits[0].Entry.Created.ShouldBe(Created);
    }

    [Fact]
    public async Task SearchAsync_StemsWords_LimitsAndExcludesAProject()
    {
        await SeedAsync();

        (await Memory.SearchAsync("stacks", 1, cancellationToken: Ct)).ShouldHaveSingleItem().Entry.ProjectId.ShouldBe("p-stack");
        (await Memory.SearchAsync("stacks", 10, excludeProjectId: "p-stack", cancellationToken: Ct)).ShouldHaveSingleItem().Entry.ProjectId.ShouldBe("p-queue");
        (await Memory.SearchAsync("headers", 10, cancellationToken: Ct)).ShouldHaveSingleItem().Entry.ProjectId.ShouldBe("p-http");
    }

    [Fact]
    public async Task SearchAsync_QuerySyntaxAndNoWords_FindNothingAndNeverFail()
    {
        await SeedAsync();

        (await Memory.SearchAsync("\"pop\" OR NEAR( AND -- ' ; DROP TABLE entries", 10, cancellationToken: Ct)).ShouldNotBeEmpty();
        (await Memory.SearchAsync("  ! ? * ", 10, cancellationToken: Ct)).ShouldBeEmpty();
        (await Memory.SearchAsync("zebra", 10, cancellationToken: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RememberAsync_Again_ReplacesTheProjectsEntries_AndForgetRemovesThem()
    {
        await SeedAsync();
        await Memory.RememberAsync("p-stack", [Entry("p-stack", MemoryKinds.Outcome, "Completed", "Done after 2 iterations with a stack.")],
            [new ConversationTurn("p-stack", "aria", 1, "user", "Plan a stack."), new ConversationTurn("p-stack", "aria", 1, "assistant", "A plan.")], Ct);

        (await Memory.SearchAsync("stack", 10, cancellationToken: Ct)).Count(h => h.Entry.ProjectId == "p-stack").ShouldBe(1);
        (await Memory.ConversationAsync("p-stack", Ct)).Select(t => t.Role).ShouldBe(["user", "assistant"]);

        (await Memory.ForgetAsync("p-stack", Ct)).ShouldBe(1);

        (await Memory.SearchAsync("stack", 10, cancellationToken: Ct)).ShouldAllBe(h => h.Entry.ProjectId != "p-stack");
        (await Memory.ConversationAsync("p-stack", Ct)).ShouldBeEmpty();
        (await Memory.ForgetAsync("p-stack", Ct)).ShouldBe(0);
        (await Memory.SearchAsync("queue", 10, cancellationToken: Ct)).ShouldHaveSingleItem();
    }
}
