using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Performance;

/// <summary>The agent-turn limits: the same checks as a test run's, and nothing for a turn without a process tree.</summary>
public sealed class PerformanceLimitsTests
{
    private static PerformanceLimits Limits() => new()
    {
        MaxAgentTurnCpuSeconds = 2,
        MaxAgentTurnMemoryMb = 100,
        MaxAgentTurnSeconds = 60,
        MaxTestRunCpuSeconds = null,
        MaxTestRunMemoryMb = null,
        MaxTestRunSeconds = null,
    };

    [Fact]
    public void ForAgentTurn_OverCpuAndMemory_OneAlertPerFigureNamingAgentStepFigureAndLimit()
    {
        var alerts = Limits().ForAgentTurn("code", ProjectPhases.Implement, cpuSeconds: 3.5, peakMemoryMb: 250.25, seconds: 10);

        alerts.Select(a => (a.Who, a.Phase, a.Metric, a.Value, a.Limit)).ShouldBe([
            ("code", ProjectPhases.Implement, "peak_memory_mb", 250.25, 100),
            ("code", ProjectPhases.Implement, "cpu_seconds", 3.5, 2),
        ]);
        alerts.ShouldAllBe(a => a.Kind == ProjectAlert.Performance);
        alerts[0].Message.ShouldBe("code's turn used 250.25 MB of memory at its peak, over the limit of 100 MB");
        alerts[1].Message.ShouldBe("code's turn used 3.5 CPU seconds, over the limit of 2 CPU seconds");
    }

    [Fact]
    public void ForAgentTurn_NotMeasured_RaisesNothingButTheDuration()
    {
        // An HTTP backend's turn: no process tree, so no CPU or memory figure to hold against the limits.
        var alerts = Limits().ForAgentTurn("aria", ProjectPhases.Plan, cpuSeconds: null, peakMemoryMb: null, seconds: 61);

        alerts.ShouldHaveSingleItem().Metric.ShouldBe("duration_seconds");
    }

    [Fact]
    public void ForTestRun_AgentTurnLimitsDoNotApply()
    {
        Limits().ForTestRun(cpuSeconds: 30, peakMemoryMb: 4000, seconds: 600).ShouldBeEmpty();
    }
}
