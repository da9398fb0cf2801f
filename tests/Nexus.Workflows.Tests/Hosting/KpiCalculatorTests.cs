using Nexus.Durable;
using Nexus.Hosting;
using Nexus.Hosting.Kpis;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Hosting;

public sealed class KpiCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_MixedProjects_CountsRateActivityWaitingCostAndAgents()
    {
        var projects = new[]
        {
            Project("done", OrchestrationRuntimeStatus.Completed, minutes: 10, status: Status(code: new AgentState("done", 1, 2, 1.5m, 3_000, 40))) with
            {
                Report = new ProjectReport { Summary = "ok", Tests = TestSummary.None, CostUsd = 2m, Tokens = 5_000 },
            },
            Project("failed", OrchestrationRuntimeStatus.Failed, minutes: 3, status: Status(code: new AgentState("failed", 1, 1, 0.25m, 1_000, 20)) with { CostUsd = 0.25m, Tokens = 1_000 }),
            Project("terminated", OrchestrationRuntimeStatus.Terminated, minutes: 1, status: null),
            Project("waiting", OrchestrationRuntimeStatus.Running, minutes: 2, status: Status() with { ApprovalGate = 1, CostUsd = 0.75m, Tokens = 500 }),
        };

        var kpis = KpiCalculator.Compute(projects, T0.AddHours(1), uptime: TimeSpan.FromMinutes(90));

        kpis.Projects.ShouldBe(4);
        kpis.ByStatus.ShouldBe(new Dictionary<string, int> { ["Completed"] = 1, ["Failed"] = 1, ["Running"] = 1, ["Terminated"] = 1 });
        kpis.CompletionRate.ShouldBe(1.0 / 3);
        kpis.Active.ShouldBe(1);
        kpis.WaitingForApproval.ShouldBe(1);
        kpis.AverageCompletionSeconds.ShouldBe(600);
        kpis.CostUsd.ShouldBe(3m);
        kpis.Tokens.ShouldBe(6_500);
        kpis.CostUsdPerProject.ShouldBe(0.75m);
        kpis.UptimeSeconds.ShouldBe(5_400);
        var code = kpis.Agents.Single(a => a.Agent == "code");
        code.ShouldBe(new AgentKpis("code", Turns: 3, AverageResponseSeconds: 20, CostUsd: 1.75m, Tokens: 4_000, Projects: 2));
        kpis.Agents.Single(a => a.Agent == "beta").AverageResponseSeconds.ShouldBeNull();
    }

    [Fact]
    public void Compute_NoProjects_HasNoRatesAndNoUptimeWithoutAHost()
    {
        var kpis = KpiCalculator.Compute([], T0, uptime: null);

        kpis.Projects.ShouldBe(0);
        kpis.CompletionRate.ShouldBeNull();
        kpis.CostUsdPerProject.ShouldBeNull();
        kpis.UptimeSeconds.ShouldBeNull();
        kpis.Agents.Select(a => a.Turns).ShouldAllBe(turns => turns == 0);
    }

    private static ProjectStatus Status(AgentState? code = null) => new()
    {
        Agents = code is null ? new Dictionary<string, AgentState>() : new Dictionary<string, AgentState> { ["code"] = code },
    };

    private static ProjectView Project(string id, OrchestrationRuntimeStatus runtimeStatus, int minutes, ProjectStatus? status) => new()
    {
        Id = id,
        RuntimeStatus = runtimeStatus,
        Status = status,
        CreatedTime = T0,
        LastUpdatedTime = T0.AddMinutes(minutes),
        Workspace = "/nowhere",
    };
}
