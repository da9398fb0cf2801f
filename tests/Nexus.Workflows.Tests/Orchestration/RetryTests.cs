using System.Text.Json.Nodes;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Orchestration;

/// <summary>Retry of a failed or terminated project: the steps it finished are taken from its journal (no agent runs them
/// again: the AgentSession turn counts and the commits show it), the limits can be raised, and the project completes.</summary>
public sealed class RetryTests
{
    // The demo's finished project: aria, code, alpha, tests, beta, prime (iteration 1); code, tests, beta, prime (iteration 2).
    private static readonly string[] DemoAuthors = ["NEXUS", "Aria", "Code", "Alpha", "Code"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retry_FailedAtMaxIterations_RaisedLimitContinuesWithoutRedoingIterationOne()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { MaxIterations = 1 }, "retry-max", Ct);
        var failed = await nexus.Projects.WaitAsync(id, Ct);
        failed.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        failed.Failure!.Message.ShouldStartWith("max iterations reached: 1 iteration(s)");
        var before = await nexus.Projects.GetCommitsAsync(id, Ct);

        var retry = await nexus.Projects.RetryAsync(id, new RetryLimits { MaxIterations = 3 }, Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        retry.Attempt.ShouldBe(1);
        retry.PreviousStatus.ShouldBe("Failed");
        retry.PreviousReason!.ShouldStartWith("max iterations reached");
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Request!.MaxIterations.ShouldBe(3);
        done.Report!.Iterations.ShouldBe(2);
        done.Report.Tests.Succeeded.ShouldBeTrue();
        done.Status!.Retries.ShouldBe(1);
        done.Report.Timeline.Count(s => s.Phase == "retry").ShouldBe(1);
        done.Report.Timeline.Single(s => s.Phase == "retry").Iteration.ShouldBe(2);
        await ShouldHaveRunEachDemoTurnOnceAsync(nexus, id, before, codeTurns: 2);
    }

    [Fact]
    public async Task Retry_FailedByBudget_RaisedBudgetContinuesFromTheStepThatDidNotStart()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { BudgetUsd = 0.02m }, "retry-budget", Ct);
        var failed = await nexus.Projects.WaitAsync(id, Ct);
        failed.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        failed.Failure!.Message.ShouldStartWith("budget exhausted:");
        var spent = failed.Status!.CostUsd;
        var before = await nexus.Projects.GetCommitsAsync(id, Ct);

        await nexus.Projects.RetryAsync(id, new RetryLimits { BudgetUsd = 5m }, Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Request!.BudgetUsd.ShouldBe(5m);
        done.Report!.CostUsd.ShouldBeGreaterThan(spent, "the cost of the earlier run counts, and the new steps add to it");
        await ShouldHaveRunEachDemoTurnOnceAsync(nexus, id, before, codeTurns: 2);
    }

    [Fact]
    public async Task Retry_AgentStepFailed_OnlyThatStepRunsAgain()
    {
        var scenarios = CopyOfSamples();
        await using var nexus = await WorkflowFixture.StartAsync(o => o.ScenariosDirectory = scenarios, Ct);
        var fix = Path.Combine(scenarios, "demo", "code", "002.json");
        var recorded = await File.ReadAllTextAsync(fix, Ct);
        // The words of a claude process killed from outside; Recovery/ClaudeKillRetryTests kills a real one.
        await File.WriteAllTextAsync(
            fix,
            """{"error": {"kind": "Unknown", "message": "claude was killed by signal 9 (SIGKILL) from outside NEXUS (exit code 137) and printed no result."}}""",
            Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), "retry-step", Ct);
        var failed = await nexus.Projects.WaitAsync(id, Ct);
        failed.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        failed.Failure!.Message.ShouldContain("code (replay) failed in implement");
        failed.Failure.Message.ShouldContain("killed by signal 9 (SIGKILL)");
        var before = await nexus.Projects.GetCommitsAsync(id, Ct);

        await File.WriteAllTextAsync(fix, recorded, Ct);
        await nexus.Projects.RetryAsync(id, cancellationToken: Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        // Code's failed turn counts once, its retry once more; nobody else ran again.
        await ShouldHaveRunEachDemoTurnOnceAsync(nexus, id, before, codeTurns: 3);
    }

    [Fact]
    public async Task Retry_TerminatedDuringATurn_ContinuesFromThatTurn()
    {
        var scenarios = CopyOfSamples();
        await using var nexus = await WorkflowFixture.StartAsync(o => o.ScenariosDirectory = scenarios, Ct);
        var fix = Path.Combine(scenarios, "demo", "code", "002.json");
        var recorded = await File.ReadAllTextAsync(fix, Ct);
        var slow = JsonNode.Parse(recorded)!;
        slow["delayMs"] = 600_000;
        await File.WriteAllTextAsync(fix, slow.ToJsonString(), Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), "retry-cancel", Ct);
        await Eventually.UntilAsync(
            async () => (await nexus.Projects.GetAsync(id, cancellationToken: Ct))?.Status is { Iteration: 2 } status && status.Agents["code"].Status == "running",
            "Code's second turn is running",
            Ct);
        await nexus.Projects.CancelAsync(id, "operator stopped it", Ct);
        (await nexus.Projects.WaitAsync(id, Ct)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        await Eventually.UntilAsync(() => Task.FromResult(nexus.Runtime.Worker!.RunningActivities == 0), "the killed turn stopped", Ct);
        var before = await nexus.Projects.GetCommitsAsync(id, Ct);

        await File.WriteAllTextAsync(fix, recorded, Ct);
        var retry = await nexus.Projects.RetryAsync(id, cancellationToken: Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        retry.PreviousStatus.ShouldBe("Terminated");
        retry.PreviousReason.ShouldBe("operator stopped it");
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        // The killed turn was never recorded as a turn; it ran once more, complete.
        await ShouldHaveRunEachDemoTurnOnceAsync(nexus, id, before, codeTurns: 2);
    }

    [Fact]
    public async Task Retry_AfterAnApprovedPlan_TakesTheRecordedDecisionInsteadOfAskingAgain()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { ApprovePlan = true, MaxIterations = 1 }, "retry-gate", Ct);
        await Eventually.UntilAsync(
            async () => (await nexus.Projects.GetAsync(id, cancellationToken: Ct))?.Status?.Phase == ProjectPhases.Approval, "the plan waits for approval", Ct);
        await nexus.Projects.ApproveAsync(id, new ApprovalDecision(true, "go ahead"), Ct);
        (await nexus.Projects.WaitAsync(id, Ct)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);

        await nexus.Projects.RetryAsync(id, new RetryLimits { MaxIterations = 3 }, Ct);
        // A gate that asked again would wait for a day: a minute is plenty for the replayed demo.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
        var done = await nexus.Projects.WaitAsync(id, limit.Token);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Status!.Retries.ShouldBe(1);
        (await nexus.Projects.GetAgentsAsync(id, Ct)).Single(a => a.Agent == "aria").Turns.ShouldBe(1);
    }

    [Fact]
    public async Task Retry_NotFailedOrTerminated_IsRefusedAndChangesNothing()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), "retry-done", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);

        var completed = await Should.ThrowAsync<ProjectNotRetryableException>(() => nexus.Projects.RetryAsync(id, cancellationToken: Ct));
        completed.Message.ShouldBe("project retry-done has completed; only a failed or terminated project can be retried");
        await Should.ThrowAsync<InstanceNotFoundException>(() => nexus.Projects.RetryAsync("no-such-project", cancellationToken: Ct));
        var after = await nexus.Projects.GetAsync(id, cancellationToken: Ct);
        after!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        after.LastUpdatedTime.ShouldBe(done.LastUpdatedTime);
    }

    [Fact]
    public async Task Retry_InvalidLimit_IsRefusedAndTheProjectStaysFailed()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        var id = await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { MaxIterations = 1 }, "retry-bad", Ct);
        (await nexus.Projects.WaitAsync(id, Ct)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);

        var refused = await Should.ThrowAsync<ArgumentException>(() => nexus.Projects.RetryAsync(id, new RetryLimits { MaxIterations = 50 }, Ct));

        refused.Message.ShouldStartWith("maxIterations: must be between 1 and 20 (it is 50).");
        (await nexus.Projects.GetAsync(id, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
    }

    // Every commit of the earlier run is still there, unchanged, and each agent took as many turns as the demo needs (Code
    // more when a turn of it failed): nothing finished ran again.
    private static async Task ShouldHaveRunEachDemoTurnOnceAsync(WorkflowFixture nexus, string id, IReadOnlyList<Nexus.Agents.Workspaces.GitCommit> before, int codeTurns)
    {
        var commits = await nexus.Projects.GetCommitsAsync(id, Ct);
        commits.Select(c => c.AuthorName).ShouldBe(DemoAuthors);
        commits.Take(before.Count).Select(c => c.Id).ShouldBe(before.Select(c => c.Id));
        var turns = (await nexus.Projects.GetAgentsAsync(id, Ct)).ToDictionary(a => a.Agent, a => a.Turns);
        turns.ShouldBe(new Dictionary<string, int> { ["prime"] = 2, ["aria"] = 1, ["code"] = codeTurns, ["alpha"] = 1, ["beta"] = 2 }, ignoreOrder: true);
    }

    private static string CopyOfSamples()
    {
        var target = Directory.CreateTempSubdirectory("nexus-retry-samples-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(WorkflowFixture.SamplesDirectory, "demo"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, "demo", Path.GetRelativePath(Path.Combine(WorkflowFixture.SamplesDirectory, "demo"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
