using System.Text.RegularExpressions;
using Nexus.Cli.Live;
using Nexus.Cli.Tests.Support;
using Nexus.Durable;
using Nexus.Workflows.Live;
using Nexus.Workflows.Model;
using Nexus.Hosting;
using Shouldly;
using Spectre.Console;
using Xunit;

namespace Nexus.Cli.Tests.Live;

/// <summary>Live agent activity in the CLI: the real <c>nexus demo</c> piped prints a line per activity of its running
/// steps; the terminal view shows what a running agent does now and the last activities.</summary>
public sealed partial class LiveActivityOutputTests : IDisposable
{
    private readonly NexusCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Demo_Piped_PrintsEachStepsLiveActivityWhileItRuns()
    {
        var demo = await _cli.RunAsync("demo", "--id", "live-cli-1", "--delay", "0.2");

        demo.ExitCode.ShouldBe(0, demo.ToString());
        var lines = demo.Stdout.Split('\n', StringSplitOptions.TrimEntries).ToList();
        var code = lines.FindIndex(line => ActivityLine().IsMatch(line) && line.EndsWith("] Code · replay: playing demo/code/001.json", StringComparison.Ordinal));
        code.ShouldBeGreaterThanOrEqualTo(0, demo.Stdout);
        lines.ShouldContain(line => line.EndsWith("] Aria · replay: playing demo/aria/001.json", StringComparison.Ordinal));
        code.ShouldBeLessThan(lines.FindIndex(line => line.Contains("project live-cli-1: completed", StringComparison.Ordinal)), "shown while the project ran");
    }

    [Fact]
    public async Task Demo_RunByTheRealNexusProcess_ItsActivityReachesAViewerInAnotherProcessOfTheDataDirectory()
    {
        // The viewer stands for a `nexus serve` (its stream and dashboard) on the data directory a `nexus run` uses.
        await using var viewer = await NexusRuntime.StartAsync(new NexusOptions { DataDirectory = _cli.DataDirectory, RunWorker = false }, TestContext.Current.CancellationToken);
        using var live = viewer.Projects.Activity.Subscribe("live-cross-1");

        var demo = await _cli.RunAsync("demo", "--id", "live-cross-1");

        demo.ExitCode.ShouldBe(0, demo.ToString());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new List<LiveActivity>();
        while (!seen.Any(a => a is { AgentName: "Prime", Text: "replay: playing demo/prime/002.json" }))
        {
            seen.Add(await live.Reader.ReadAsync(limit.Token));
        }

        seen.ShouldContain(a => a.AgentName == "Aria" && a.Text == "replay: playing demo/aria/001.json" && a.StepKey != null);
        seen.ShouldContain(a => a.AgentName == "Code" && a.Text == "replay: playing demo/code/001.json");
        seen.ShouldAllBe(a => a.ProjectId == "live-cross-1");
    }

    [Fact]
    public void Render_RunningAgentWithActivity_ShowsItInTheNowColumnAndTheLastActivitiesEscaped()
    {
        var view = new ProjectView
        {
            Id = "p-7",
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            Workspace = "/tmp/w",
            Status = new ProjectStatus
            {
                Phase = ProjectPhases.Implement,
                Iteration = 1,
                Agents = new Dictionary<string, AgentState> { ["aria"] = new("done", 1, 1), ["code"] = new("running", 0.5, 1) },
            },
        };
        LiveActivity[] activity =
        [
            new() { ProjectId = "p-7", AgentId = "aria", AgentName = "Aria", Text = "Write plan.md", Kind = LiveActivityKind.Tool },
            new() { ProjectId = "p-7", AgentId = "code", AgentName = "Code", Text = "Read src/index.js", Kind = LiveActivityKind.Tool },
            new() { ProjectId = "p-7", AgentId = "code", AgentName = "Code", Text = "Write src/csv2json.js\u001b[2J", Kind = LiveActivityKind.Tool },
        ];
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(text) });
        console.Profile.Width = 160;

        console.Write(ProjectProgressView.Render(view, TimeSpan.FromSeconds(5), activity: activity));

        var output = text.ToString();
        output.ShouldContain("Now");
        output.ShouldContain("Code · Read src/index.js");
        output.ShouldContain("Code · Write src/csv2json.js\\u001b[2J");
        output.ShouldNotContain("\u001b");
        var codeRow = output.Split('\n').Single(line => line.Contains(" code ", StringComparison.Ordinal) && line.Contains("running", StringComparison.Ordinal));
        codeRow.ShouldContain("Write src/csv2json.js");
        var ariaRow = output.Split('\n').Single(line => line.Contains(" aria ", StringComparison.Ordinal) && line.Contains("done", StringComparison.Ordinal));
        ariaRow.ShouldNotContain("plan.md", Case.Sensitive, "an agent that is done is doing nothing now");
    }

    [GeneratedRegex(@"^\[\d\d:\d\d(:\d\d)?\] ")]
    private static partial Regex ActivityLine();
}
