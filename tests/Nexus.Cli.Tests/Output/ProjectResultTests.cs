using Nexus.Cli.Output;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Cli.Tests.Output;

public sealed class ProjectResultTests
{
    [Fact]
    public void From_CompletedProject_TakesTheReport()
    {
        var view = new ProjectView
        {
            Id = "p-1",
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            Workspace = "/w",
            Status = new ProjectStatus { Phase = ProjectPhases.Done, Iteration = 1, CostUsd = 0.1m },
            Report = new ProjectReport
            {
                Summary = "ok",
                Tests = new TestSummary(14, 0, null, true, []),
                Iterations = 2,
                CostUsd = 0.25m,
                Commits = [new CommitRecord("code", "abc1234", "Code: implement")],
            },
        };

        var result = ProjectResult.From(view);

        result.ShouldBe(result with { Iterations = 2, CostUsd = 0.25m, Tests = new TestCounts(14, 0), Workspace = "/w", Reason = null, Phase = "done" });
        result.Commits.ShouldHaveSingleItem().Agent.ShouldBe("code");
    }

    [Fact]
    public void From_FailedProject_GivesTheReason()
    {
        var view = new ProjectView
        {
            Id = "p-2",
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            Workspace = "/w",
            Failure = new FailureDetails("X", "the budget is spent"),
        };

        ProjectResult.From(view).Reason.ShouldBe("the budget is spent");
        ProjectResult.From(view with { Status = new ProjectStatus { Reason = "no progress" } }).Reason.ShouldBe("no progress");
    }
}
