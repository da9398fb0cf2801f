using System.Text.Json;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Memory;
using Nexus.Workflows.Tests.Support;
using Nexus.Workflows.Tests.Templates;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Memory;

/// <summary>The memory across projects end to end: Aria plans with a model (a fake OpenAI-compatible server on 127.0.0.1
/// that records every prompt), the rest of the team replays the demo (whose first test run has two failing tests that
/// Code fixes). The first project's lessons reach the second project's Aria, cited by project id; a purge removes them.</summary>
public sealed class MemoryWorkflowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string AriaReply = JsonSerializer.Serialize(new
    {
        summary = "Plan: slugify and isSlug with acceptance criteria.",
        edits = new[] { new { path = "PLAN.md", content = "# Plan\n\nslugify lowercases, strips accents and cuts at a word boundary.\n", delete = false } },
    });

    [Fact]
    public async Task SecondProjectOnTheSameTopic_GetsTheFirstOnesLessonInAriasPrompt_AndPurgeRemovesThem()
    {
        await using var model = await FakeChatModel.StartAsync(AriaReply, Ct);
        var previous = Environment.GetEnvironmentVariable("OLLAMA_BASE_URL");
        Environment.SetEnvironmentVariable("OLLAMA_BASE_URL", model.BaseAddress.ToString());
        try
        {
            using var config = new TempFolder();
            var yaml = config.Write("nexus.agents.yaml", """
                agents:
                  aria:
                    backend: ollama
                    model: llama3.2
                    max_retries: 0
                  code:
                    backend: replay
                  alpha:
                    backend: replay
                  beta:
                    backend: replay
                  prime:
                    backend: replay
                """);
            await using var nexus = await WorkflowFixture.StartAsync(o => o.AgentConfigPath = yaml, Ct);
            var request = WorkflowFixture.Scenario("demo") with { Provider = null };

            var first = await nexus.Projects.WaitAsync(await nexus.Projects.StartAsync(request, "memory-first", Ct), Ct);
            first.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, first.Failure?.Message);
            first.Request!.Memory.ShouldBe(true);
            var memory = nexus.Projects.Memory.ShouldNotBeNull();
            var learned = await memory.SearchAsync(request.Description, 50, cancellationToken: Ct);
            learned.ShouldAllBe(h => h.Entry.ProjectId == "memory-first");
            var kinds = learned.Select(h => h.Entry.Kind).ToHashSet();
            kinds.ShouldBe([MemoryKinds.Plan, MemoryKinds.Decision, MemoryKinds.Fix, MemoryKinds.Outcome, MemoryKinds.Quality, MemoryKinds.Security], ignoreOrder: true);
            var fixes = await memory.SearchAsync("fixed test", 50, cancellationToken: Ct);
            var fix = fixes.First(h => h.Entry.Kind == MemoryKinds.Fix).Entry;
            fix.Text.ShouldContain("Fixed by: ");
            (await memory.SearchAsync("fix_implementation", 5, cancellationToken: Ct)).ShouldContain(h => h.Entry.Kind == MemoryKinds.Decision);
            (await memory.ConversationAsync("memory-first", Ct)).ShouldContain(t => t.Agent == "aria" && t.Role == "assistant");
            model.Prompts[0].ShouldNotContain("Lessons from earlier projects");

            var second = await nexus.Projects.WaitAsync(await nexus.Projects.StartAsync(request, "memory-second", Ct), Ct);

            second.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, second.Failure?.Message);
            var prompt = model.Prompts[^1];
            prompt.ShouldContain("## Lessons from earlier projects");
            prompt.ShouldContain("[project memory-first]");
            prompt.ShouldNotContain("[project memory-second]");
            var history = await nexus.Projects.GetHistoryAsync("memory-second", Ct);
            var ariaResult = history.First(e => e.Kind == EventKind.TaskCompleted && e.Data!.Contains("\"recalled\":[\"memory-first\"]", StringComparison.Ordinal));
            ariaResult.ShouldNotBeNull();
            history.ShouldContain(e => e.Kind == EventKind.TaskScheduled && e.Name == RecordMemoryActivity.Name);

            (await nexus.Projects.PurgeAsync("memory-first", Ct)).ShouldBeGreaterThan(0);

            (await memory.SearchAsync(request.Description + " fixed test", 50, cancellationToken: Ct)).ShouldAllBe(h => h.Entry.ProjectId == "memory-second");
            (await memory.ConversationAsync("memory-first", Ct)).ShouldBeEmpty();
        }
        finally
        {
            Environment.SetEnvironmentVariable("OLLAMA_BASE_URL", previous);
        }
    }

    [Fact]
    public async Task ProjectWithoutTheMemory_RecallsAndStoresNothing_AsProjectsFromBeforeIt()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var memory = nexus.Projects.Memory.ShouldNotBeNull();
        await memory.RememberAsync("memory-earlier", [new MemoryEntry("memory-earlier", MemoryKinds.Plan, "Plan: slugkit", "slugify and isSlug for URL slugs.", DateTimeOffset.UnixEpoch)], [], Ct);

        // Memory = false takes the path a request from before the memory (Memory = null) takes: neither is true.
        var done = await nexus.Projects.WaitAsync(await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { Memory = false }, "memory-off", Ct), Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        var history = await nexus.Projects.GetHistoryAsync("memory-off", Ct);
        history.ShouldNotContain(e => e.Name == RecordMemoryActivity.Name);
        history.Where(e => e.Kind == EventKind.TaskCompleted && e.Data!.Contains("\"recalled\":[\"", StringComparison.Ordinal)).ShouldBeEmpty();
        (await memory.SearchAsync("slugify slug", 10, cancellationToken: Ct)).ShouldAllBe(h => h.Entry.ProjectId == "memory-earlier");
    }

    [Fact]
    public async Task FailedProject_StoresItsLessonsWithWhyItStopped()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);

        var done = await nexus.Projects.WaitAsync(await nexus.Projects.StartAsync(WorkflowFixture.Scenario("stuck"), "memory-stuck", Ct), Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        var outcome = (await nexus.Projects.Memory!.SearchAsync("failed todo store", 20, cancellationToken: Ct))
            .Select(h => h.Entry).Single(e => e.Kind == MemoryKinds.Outcome);
        outcome.ProjectId.ShouldBe("memory-stuck");
        outcome.Title.ShouldStartWith("Failed: ");
        outcome.Text.ShouldContain(done.Failure!.Message);
    }
}
