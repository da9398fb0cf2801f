using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Nexus.Hosting.Memory;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Memory;
using Nexus.Workflows.Tests.Orchestration;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Memory;

/// <summary>The RecordMemory step on its own: what it stores is redacted, a second delivery replaces rather than adds, and a
/// host without a memory stores nothing and says so.</summary>
public sealed class RecordMemoryActivityTests
{
    private const string Secret = "sk-memory-test-0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MemoryInput Input(string id) => new()
    {
        ProjectId = id,
        Description = "A token bucket rate limiter",
        PlanSummary = $"Use the key {Secret} to call the API.",
        Entries = [new MemoryEntry(string.Empty, MemoryKinds.Fix, "Fixed test: refill", $"Failed with: 401 for {Secret}\nFixed by: abc1234 Code: implement", DateTimeOffset.UnixEpoch)],
        Conversation = [new ConversationTurn(string.Empty, "code", 1, "assistant", $"Called it with {Secret}.")],
    };

    [Fact]
    public async Task RunAsync_Twice_StoresOneRedactedSet()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var redactor = nexus.Runtime.Redactor.With([new("MEMORY_TEST_KEY", Secret)]);
        var memory = nexus.Projects.Memory.ShouldNotBeNull();
        var services = new WorkflowServices(
            nexus.Runtime.Options, new InMemoryScratchpadStore(redactor), nexus.Runtime.TurnGate, redactor, nexus.Runtime.Durable, nexus.Runtime.Sandbox, memory: memory);
        var activity = new RecordMemoryActivity(services, Ct);

        await activity.RunAsync(new StepActivityContext(RecordMemoryActivity.Name, "memory-redact"), Input("memory-redact"));
        var outcome = await activity.RunAsync(new StepActivityContext(RecordMemoryActivity.Name, "memory-redact"), Input("memory-redact"));

        outcome.Entries.ShouldBe(2);
        outcome.Message.ShouldStartWith("2 entries and 1 conversation lines stored in SQLite FTS5");
        var hits = await memory.SearchAsync("token bucket rate limiter refill", 10, cancellationToken: Ct);
        hits.Select(h => h.Entry.Kind).ShouldBe([MemoryKinds.Fix, MemoryKinds.Plan], ignoreOrder: true);
        hits.ShouldAllBe(h => h.Entry.ProjectId == "memory-redact" && !h.Entry.Text.Contains(Secret) && h.Entry.Text.Contains(SecretRedactor.Mask));
        (await memory.ConversationAsync("memory-redact", Ct)).ShouldHaveSingleItem().Summary.ShouldBe($"Called it with {SecretRedactor.Mask}.");
    }

    [Fact]
    public async Task RunAsync_WithoutAMemory_StoresNothingAndSaysSo()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var services = new WorkflowServices(
            nexus.Runtime.Options, new InMemoryScratchpadStore(nexus.Runtime.Redactor), nexus.Runtime.TurnGate, nexus.Runtime.Redactor, nexus.Runtime.Durable, nexus.Runtime.Sandbox);

        var outcome = await new RecordMemoryActivity(services, Ct).RunAsync(new StepActivityContext(RecordMemoryActivity.Name, "memory-none"), Input("memory-none"));

        outcome.ShouldBe(new MemoryOutcome(0, "no memory across projects is configured in this host: nothing was stored"));
        (await nexus.Projects.Memory!.SearchAsync("token bucket", 10, cancellationToken: Ct)).ShouldBeEmpty();
    }
}
