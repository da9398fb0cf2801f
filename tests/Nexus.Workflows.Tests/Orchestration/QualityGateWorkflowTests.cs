using System.Text.Json;
using Microsoft.DurableTask;
using Nexus.Agents.Scratchpads;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Orchestration;

/// <summary>The QA and Security gates end to end: real git, real <c>node --test</c> with coverage in the sandbox, replayed
/// agents (samples/gates: Code's first version has a function of complexity 12 and an eval; Prime says done anyway).</summary>
public sealed class QualityGateWorkflowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gates_FailOnce_DoneIsRefusedAndTheFindingsGoBackToCode()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("gates"), "gates-1", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Iterations.ShouldBe(2);
        done.Report.Commits.Select(c => c.Agent).ShouldBe(["aria", "code", "alpha", "code"]);
        var pads = (await nexus.Projects.GetScratchpadsAsync(id, Ct)).ToDictionary(p => p.Name);
        pads.Keys.Order().ShouldBe(ScratchpadNames.BuiltIn.Order());
        var qa = pads[ScratchpadNames.QaReport].Entries.Select(e => e.Content).ToList();
        qa.Count.ShouldBe(2);
        qa[0].ShouldContain("## QA gate: failed");
        qa[0].ShouldContain("over the limit: `grade` (src/grade.js:4), complexity 12");
        qa[0].ShouldContain("lines 100 %, branches 100 %");
        qa[1].ShouldContain("## QA gate: passed");
        var security = pads[ScratchpadNames.SecurityReport].Entries.Select(e => e.Content).ToList();
        security.Count.ShouldBe(2);
        security[0].ShouldContain("| high | src/grade.js | 22 | js-eval |");
        security[1].ShouldContain("## Security gate: passed");

        // Code's second turn was asked to fix exactly what the gates found.
        var history = JsonSerializer.Serialize(await nexus.Projects.GetHistoryAsync(id, Ct));
        history.ShouldContain("Fix these security findings (high severity blocks done): high src/grade.js:22 js-eval");
        history.ShouldContain("grade (src/grade.js:4) has 12");
    }

    [Fact]
    public async Task GatesOff_SameScenario_CompletesAtPrimesFirstDone()
    {
        await using var nexus = await WorkflowFixture.StartAsync(o => o.Gates = GateSettings.Off, Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("gates"), "gates-off-1", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Iterations.ShouldBe(1);
        (await nexus.Projects.GetScratchpadsAsync(id, Ct)).Select(p => p.Name).ShouldNotContain(ScratchpadNames.QaReport);
    }

    [Fact]
    public async Task RequestFromBeforeTheGates_RunsWithoutThemLikeBefore()
    {
        // A project in flight when NEXUS is upgraded has a stored request without `gates`: it must take the old path (no
        // gate work in its history), or its replay would no longer match. Started here through the Durable client, as the
        // old ProjectClient did, without the gates the new one fills in.
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var request = WorkflowFixture.Scenario("gates");
        request.Gates.ShouldBeNull();

        var id = await nexus.Projects.Durable.ScheduleNewOrchestrationInstanceAsync(
            ProjectOrchestration.Name, request, new StartOrchestrationOptions { InstanceId = "gates-old-1" }, Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Iterations.ShouldBe(1);
        var history = JsonSerializer.Serialize(await nexus.Projects.GetHistoryAsync(id, Ct));
        history.ShouldNotContain("qa_report");
        history.ShouldNotContain("security_report");
    }

    [Fact]
    public async Task Demo_DefaultGates_PassAtTheFirstGreenRun()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);

        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), "demo-gates-1", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Iterations.ShouldBe(2);
        var qa = (await nexus.Projects.GetScratchpadsAsync(id, Ct)).Single(p => p.Name == ScratchpadNames.QaReport).Entries.ShouldHaveSingleItem().Content;
        qa.ShouldContain("## QA gate: passed");
        qa.ShouldContain("lines 96.61 %, branches 95.24 %"); // src/slugify.js: 57 of 59 lines, 20 of 21 branches
        qa.ShouldContain("No function is over 10.");
    }
}
