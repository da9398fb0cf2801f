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
}
