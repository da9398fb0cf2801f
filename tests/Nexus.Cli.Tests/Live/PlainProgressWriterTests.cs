using Nexus.Cli.Live;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Cli.Tests.Live;

public sealed class PlainProgressWriterTests
{
    private readonly StringWriter _output = new();

    private static ProjectView View(OrchestrationRuntimeStatus status, string phase, int iteration, params (string Agent, string Status)[] agents) => new()
    {
        Id = "p-1",
        RuntimeStatus = status,
        Workspace = "/tmp/w",
        Status = new ProjectStatus
        {
            Phase = phase,
            Iteration = iteration,
            Agents = agents.ToDictionary(a => a.Agent, a => new AgentState(a.Status, a.Status == "done" ? 1 : 0.5, a.Status == "done" ? 1 : 0)),
        },
    };

    private string[] Lines => _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Write_SameViewTwice_WritesNothingTheSecondTime()
    {
        var writer = new PlainProgressWriter(_output);
        var view = View(OrchestrationRuntimeStatus.Running, ProjectPhases.Plan, 0, ("aria", "running"));

        writer.Write(view, TimeSpan.FromSeconds(1));
        var first = Lines.Length;
        writer.Write(view, TimeSpan.FromSeconds(2));

        first.ShouldBe(3);
        Lines.Length.ShouldBe(first);
    }

    [Fact]
    public void Write_Changes_OneLinePerChangeOfPhaseAgentAndStatus()
    {
        var writer = new PlainProgressWriter(_output);

        writer.Write(View(OrchestrationRuntimeStatus.Running, ProjectPhases.Plan, 0, ("aria", "running"), ("code", "idle")), TimeSpan.Zero);
        writer.Write(View(OrchestrationRuntimeStatus.Running, ProjectPhases.Implement, 1, ("aria", "done"), ("code", "running")), TimeSpan.FromSeconds(65));
        writer.Write(View(OrchestrationRuntimeStatus.Completed, ProjectPhases.Done, 1, ("aria", "done"), ("code", "done")), TimeSpan.FromSeconds(70));

        Lines.ShouldBe(
        [
            "[00:00] project p-1: running",
            "[00:00] phase plan, iteration 0, cost $0.0000",
            "[00:00] aria: running (50%, 0 turns)",
            "[01:05] phase implement, iteration 1, cost $0.0000",
            "[01:05] aria: done (100%, 1 turn)",
            "[01:05] code: running (50%, 0 turns)",
            "[01:10] phase done, iteration 1, cost $0.0000",
            "[01:10] code: done (100%, 1 turn)",
            "[01:10] project p-1: completed",
        ]);
    }

    [Fact]
    public void Write_ApprovalPhase_SaysHowToApprove()
    {
        var writer = new PlainProgressWriter(_output);

        writer.Write(View(OrchestrationRuntimeStatus.Running, ProjectPhases.Approval, 0), TimeSpan.Zero);

        _output.ToString().ShouldContain("nexus approve p-1");
    }
}
