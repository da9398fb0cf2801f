using System.Diagnostics.Metrics;
using Nexus.Agents.Telemetry;
using Nexus.Durable.History;
using Nexus.Testing.Claude;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Recovery;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Performance;

/// <summary>The performance watch on agent turns: Code runs on the REAL <c>claude</c> CLI (against a fake Anthropic API on
/// 127.0.0.1), the other agents replay the demo; Code's process tree is measured from /proc and a limit it goes beyond
/// raises the same alert as a test run's.</summary>
public sealed class AgentTurnPerformanceTests(ClaudeCliFixture claude) : IClassFixture<ClaudeCliFixture>
{
    private const string CodeModel = "nexus-perf-code";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClaudeTurn_OverATinyMemoryLimit_RaisesAnAlertNamingAgentStepFigureAndLimit_InStatusHistoryAndTheMeter()
    {
        var counted = new List<(string? Who, string? Metric)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == NexusTelemetry.Name && instrument.Name == "nexus.alerts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            lock (counted)
            {
                counted.Add((all.FirstOrDefault(t => t.Key == "who").Value as string, all.FirstOrDefault(t => t.Key == "metric").Value as string));
            }
        });
        listener.Start();
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        var config = Directory.CreateTempSubdirectory("nexus-perf-config-").FullName;
        try
        {
            var yaml = Path.Combine(config, "nexus.agents.yaml");
            await File.WriteAllTextAsync(yaml, $"""
                agents:
                  prime:
                    backend: replay
                  aria:
                    backend: replay
                  code:
                    backend: claude
                    model: {CodeModel}
                    timeout: 2m
                  alpha:
                    backend: replay
                  beta:
                    backend: replay
                """, Ct);
            await using var nexus = await WorkflowFixture.StartAsync(o =>
            {
                o.AgentConfigPath = yaml;
                o.ClaudeExecutable = claude.ExecutablePath;
                o.ClaudeEnvironment["ANTHROPIC_BASE_URL"] = api.BaseAddress.ToString().TrimEnd('/');
                o.ClaudeEnvironment["ANTHROPIC_API_KEY"] = "test";
                o.ClaudeEnvironment["CLAUDE_CODE_MAX_RETRIES"] = "0";
                o.ClaudeEnvironment["API_TIMEOUT_MS"] = "60000";
                o.Performance.MaxTestRunMemoryMb = null;
                o.Performance.MaxAgentTurnMemoryMb = 1;
            }, Ct);
            const string id = "perf-claude";
            var workspace = nexus.Runtime.Options.WorkspaceDirectory(id);
            // Code's first recorded turn of the demo, written by Claude Code's own Write tool.
            api.Script(CodeModel, ToolTurn.Script(
                [.. RecordedCodeTurn.Load(1).Edits.Select(e => ("Write", (object)new { file_path = Path.Combine(workspace, e.Path), content = e.Content }))],
                "The slugify module is in place."));
            // No provider: each agent keeps its configured backend (Code claude, the rest the default replay of the demo).
            var request = WorkflowFixture.Scenario("demo") with { Provider = null, MaxIterations = 1 };

            var started = await nexus.Projects.StartAsync(request, id, Ct);
            var done = await nexus.Projects.WaitAsync(started, Ct);

            var alerts = done.Status.ShouldNotBeNull(done.Failure?.Message).Alerts;
            var alert = alerts.ShouldHaveSingleItem("one claude turn (Code's); replayed turns have no process tree and raise none");
            alert.Kind.ShouldBe(ProjectAlert.Performance);
            alert.Who.ShouldBe("code");
            alert.Phase.ShouldBe(ProjectPhases.Implement);
            alert.Iteration.ShouldBe(1);
            alert.Metric.ShouldBe("peak_memory_mb");
            alert.Limit.ShouldBe(1);
            // The CLI itself, measured: tens of MB.
            alert.Value.ShouldNotBeNull().ShouldBeGreaterThan(20);
            alert.Message.ShouldStartWith("code's turn used ");
            alert.Message.ShouldEndWith("MB of memory at its peak, over the limit of 1 MB");

            var history = await nexus.Projects.GetHistoryAsync(started, Ct);
            history.Count(e => e.Kind == EventKind.TaskScheduled && e.Name == "ProjectAlert" && e.Data!.Contains("peak_memory_mb")).ShouldBe(1);
            var codeStep = history.Single(e => e.Kind == EventKind.TaskCompleted && e.Data!.Contains("\"backend\":\"claude\""));
            codeStep.Data!.ShouldContain("\"cpuSeconds\":");
            codeStep.Data!.ShouldContain("\"peakMemoryMb\":");
            history.Where(e => e.Kind == EventKind.TaskCompleted && e.Data!.Contains("\"backend\":\"replay\""))
                .ShouldAllBe(e => e.Data!.Contains("\"cpuSeconds\":null") || !e.Data!.Contains("\"cpuSeconds\""), "a replayed turn is not measured: null, not a number");
            listener.RecordObservableInstruments();
            lock (counted)
            {
                counted.ShouldContain(("code", "peak_memory_mb"));
            }
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }
}
