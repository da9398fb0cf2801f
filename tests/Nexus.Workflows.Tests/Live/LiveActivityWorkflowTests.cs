using System.Text.Json;
using Nexus.Durable;
using Nexus.Workflows.Live;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Live;

/// <summary>What the running steps of a real project (replayed turns, real git and test runs) publish as live activity,
/// and that none of it enters the durable history.</summary>
public sealed class LiveActivityWorkflowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Project_NearItsBudget_StepsPublishTheirProgressAndABudgetWarning_NoneOfWhichIsHistory()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        const string id = "live-budget";
        using var live = nexus.Projects.Activity.Subscribe(id);

        // The demo's eight recorded turns cost $0.1641 in all: with $0.18 it completes, and Prime's last turn starts at
        // $0.1519, past 80 % ($0.144).
        await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo") with { BudgetUsd = 0.18m }, id, Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);

        var seen = new List<LiveActivity>();
        while (live.Reader.TryRead(out var activity))
        {
            seen.Add(activity);
        }

        seen.ShouldAllBe(a => a.ProjectId == id);
        seen.Select(a => a.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        var plays = seen.Where(a => a.Kind == LiveActivityKind.Message && a.Text.StartsWith("replay: playing demo/", StringComparison.Ordinal)).ToList();
        plays.Select(a => a.AgentId).Distinct().ShouldBe(["aria", "code", "alpha", "beta", "prime"], ignoreOrder: true);
        plays.ShouldContain(a => a.AgentName == "Code" && a.StepKey!.StartsWith("implement/code/", StringComparison.Ordinal));
        var budget = seen.Where(a => a.Kind == LiveActivityKind.Budget).ToList();
        var warning = budget.ShouldHaveSingleItem();
        warning.AgentId.ShouldBe("prime");
        warning.Text.ShouldBe("budget: $0.1519 of $0.18 spent (84%)");

        var history = JsonSerializer.Serialize(await nexus.Projects.GetHistoryAsync(id, Ct));
        history.ShouldNotContain("replay: playing", Case.Sensitive, "live activity is never stored");
    }
}
