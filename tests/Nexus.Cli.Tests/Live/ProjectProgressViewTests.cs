using Nexus.Cli.Live;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Shouldly;
using Spectre.Console;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Cli.Tests.Live;

public sealed class ProjectProgressViewTests
{
    [Fact]
    public void Render_RunningProject_ShowsPhaseIterationCostAndARowPerAgent()
    {
        var view = new ProjectView
        {
            Id = "p-42",
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            Workspace = "/tmp/w",
            Request = new ProjectRequest { Description = "x", MaxIterations = 3 },
            Status = new ProjectStatus
            {
                Phase = ProjectPhases.Implement,
                Iteration = 2,
                CostUsd = 0.1234m,
                Agents = new Dictionary<string, AgentState> { ["aria"] = new("done", 1, 1), ["code"] = new("running", 0.5, 1) },
                Tests = new TestSummary(3, 1, null, false, ["t"]),
            },
        };
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 100;

        console.Write(ProjectProgressView.Render(view, TimeSpan.FromSeconds(83)));

        var output = text.ToString();
        output.ShouldContain("p-42");
        output.ShouldContain("implement");
        output.ShouldContain("Iteration 2/3");
        output.ShouldContain("Elapsed 01:23");
        output.ShouldContain("$0.1234");
        output.ShouldContain("3 passed");
        foreach (var agent in new[] { "prime", "aria", "code", "alpha", "beta" })
        {
            output.ShouldContain(agent);
        }

        output.ShouldContain("running");
        output.ShouldContain("50%");
    }
}
