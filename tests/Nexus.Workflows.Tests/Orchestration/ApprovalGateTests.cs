using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Orchestration;

public sealed class ApprovalGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task WaitForApprovalPhaseAsync(WorkflowFixture nexus, string id) =>
        await Eventually.UntilAsync(async () => (await nexus.Projects.GetAsync(id, cancellationToken: Ct))?.Status?.Phase == ProjectPhases.Approval, "the approval gate", Ct);

    [Fact]
    public async Task ApprovePlan_Approved_ContinuesToCompletion()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { ApprovePlan = true }, "approve-1", Ct);
        await WaitForApprovalPhaseAsync(nexus, id);
        (await nexus.Projects.GetCommitsAsync(id, Ct)).Select(c => c.AuthorName).ShouldBe(["NEXUS", "Aria"]);

        await nexus.Projects.ApproveAsync(id, new ApprovalDecision(true), Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Timeline.ShouldContain(s => s.Phase == ProjectPhases.Plan);
    }

    [Fact]
    public async Task ApprovePlan_RejectedWithFeedback_AriaReplansThenWaitsAgain()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { ApprovePlan = true }, "reject-1", Ct);
        await WaitForApprovalPhaseAsync(nexus, id);

        await nexus.Projects.ApproveAsync(id, new ApprovalDecision(false, "Also support a custom separator."), Ct);
        await Eventually.UntilAsync(async () => (await nexus.Projects.GetCommitsAsync(id, Ct)).Count(c => c.AuthorName == "Aria") == 2, "Aria re-planned", Ct);
        await WaitForApprovalPhaseAsync(nexus, id);
        var history = await nexus.Projects.GetHistoryAsync(id, Ct);
        history.ShouldContain(e => e.Kind == Durable.History.EventKind.TaskScheduled && e.Data!.Contains("Also support a custom separator.", StringComparison.Ordinal));
        await nexus.Projects.ApproveAsync(id, new ApprovalDecision(true), Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Commits.Select(c => c.Agent).ShouldBe(["aria", "aria", "code", "alpha", "code"]);
    }

    [Fact]
    public async Task ApprovePlan_NobodyAnswers_FailsWithApprovalTimeout()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);

        var id = await nexus.Projects.StartAsync(
            WorkflowFixture.Scenario("demo") with { ApprovePlan = true, ApprovalTimeout = TimeSpan.FromSeconds(1) }, "timeout-1", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.Failure!.Message.ShouldStartWith("approval timed out");
    }

    [Fact]
    public async Task ApproveAsync_NoGateWaiting_IsRefusedAndNothingIsKeptForLater()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(
            WorkflowFixture.Scenario("demo") with { ApprovePlan = true, ReplayDelay = TimeSpan.FromSeconds(1) }, "no-gate-1", Ct);

        var early = await Should.ThrowAsync<NotWaitingForApprovalException>(() => nexus.Projects.ApproveAsync(id, new ApprovalDecision(true), Ct));
        await WaitForApprovalPhaseAsync(nexus, id);

        early.Message.ShouldBe($"project {id} is not waiting for approval (phase: {ProjectPhases.Plan})");
        var view = (await nexus.Projects.GetAsync(id, includeHistory: true, Ct)).ShouldNotBeNull();
        view.Status!.ApprovalGate.ShouldBe(1);
        view.History!.ShouldNotContain(e => e.Kind == Durable.History.EventKind.EventRaised, "the refused decision was not sent");
        await nexus.Projects.CancelAsync(id, cancellationToken: Ct);
    }

    [Fact]
    public async Task ApprovalGate_DecisionForAnotherGate_IsIgnoredAndTheGateStillWaits()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { ApprovePlan = true }, "stale-1", Ct);
        await WaitForApprovalPhaseAsync(nexus, id);

        // Gate 1 is rejected; a second "approve" for gate 1 (a double click, a late retry) goes straight to the engine.
        var rejected = await nexus.Projects.ApproveAsync(id, new ApprovalDecision(false, "Also support a custom separator."), Ct);
        await nexus.Projects.Durable.RaiseEventAsync(id, ApprovalDecision.EventName, new ApprovalDecision(true) { Gate = 1 }, Ct);
        await Eventually.UntilAsync(
            async () =>
            {
                var view = await nexus.Projects.GetAsync(id, includeHistory: true, Ct);
                return view?.Status is { Phase: ProjectPhases.Approval, ApprovalGate: 2 }
                    && view.History!.Count(e => e.Kind == Durable.History.EventKind.EventRaised) == 2;
            },
            "gate 2 waits and both decisions were delivered",
            Ct);

        var atGate2 = (await nexus.Projects.GetAsync(id, cancellationToken: Ct)).ShouldNotBeNull();
        var late = await Should.ThrowAsync<NotWaitingForApprovalException>(
            () => nexus.Projects.ApproveAsync(id, new ApprovalDecision(true) { Gate = 1 }, Ct));
        var approved = await nexus.Projects.ApproveAsync(id, new ApprovalDecision(true), Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        rejected.Gate.ShouldBe(1);
        atGate2.Status!.Phase.ShouldBe(ProjectPhases.Approval, "the stale approval of gate 1 did not approve the new plan");
        atGate2.Status.Commits.Select(c => c.Agent).ShouldBe(["aria", "aria"]);
        late.Message.ShouldBe($"project {id} is no longer waiting at approval gate 1 (it waits at gate 2, for a newer plan; look at it first)");
        approved.Gate.ShouldBe(2);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Commits.Select(c => c.Agent).ShouldBe(["aria", "aria", "code", "alpha", "code"]);
    }
}
