using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Nexus.Durable.History;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Benchmarks.Workflow;

/// <summary>
/// The project workflow's own cost: runs the bundled <c>demo</c> scenario with zero replay delay and measures, per agent
/// step, everything but the agent's own time (engine episodes, store commits, git reset/commit, scratchpad I/O).
/// </summary>
/// <remarks>
/// A step's overhead is the time from the episode that scheduled it to the episode that scheduled the next piece of work
/// (or completed the project), minus the agent turn's duration as the agent backend measured it. Test runs are real
/// <c>node --test</c> processes and are reported separately, not as overhead.
/// </remarks>
internal static class WorkflowBenchmark
{
    public static async Task RunAsync(int runs, TextWriter output)
    {
        var overheads = new List<double>();
        var agentTimes = new List<double>();
        var testTimes = new List<double>();
        var walls = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var data = Directory.CreateTempSubdirectory("nexus-wf-bench-").FullName;
            try
            {
                await using var nexus = await NexusRuntime.StartAsync(new NexusOptions { DataDirectory = data });
                var request = DemoRequest(nexus.Options.ResolveScenariosDirectory());
                var clock = Stopwatch.StartNew();
                var id = await nexus.Projects.StartAsync(request, $"bench-{run}");
                var done = await nexus.Projects.WaitAsync(id);
                clock.Stop();
                if (done.RuntimeStatus != Nexus.Durable.OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"The demo did not complete: {done.Failure}");
                }

                if (run == 0)
                {
                    continue; // warm-up: JIT, git and node caches
                }

                walls.Add(clock.Elapsed.TotalSeconds);
                var history = await nexus.Projects.GetHistoryAsync(id);
                Measure(history, overheads, agentTimes, testTimes);
            }
            finally
            {
                Directory.Delete(data, recursive: true);
            }
        }

        var line = new Dictionary<string, object>
        {
            ["workload"] = "workflow_demo",
            ["store"] = "sqlite",
            ["durability"] = "full",
            ["runs"] = runs,
            ["agent_steps"] = overheads.Count,
            ["overhead_median_ms"] = Round(Percentile(overheads, 0.5) * 1000),
            ["overhead_p95_ms"] = Round(Percentile(overheads, 0.95) * 1000),
            ["agent_turn_median_ms"] = Round(Percentile(agentTimes, 0.5) * 1000),
            ["test_run_median_ms"] = Round(Percentile(testTimes, 0.5) * 1000),
            ["wall_median_s"] = Round(Percentile(walls, 0.5)),
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(line));
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"workflow demo: {overheads.Count} agent steps over {runs} runs; overhead per step median {line["overhead_median_ms"]} ms, p95 {line["overhead_p95_ms"]} ms; " +
            $"real test run median {line["test_run_median_ms"]} ms; project wall median {line["wall_median_s"]} s"));
    }

    private static void Measure(IReadOnlyList<HistoryEvent> history, List<double> overheads, List<double> agentTimes, List<double> testTimes)
    {
        var scheduled = history.Where(e => e.Kind == EventKind.TaskScheduled).ToList();
        var end = history.Last(e => e.Kind is EventKind.ExecutionCompleted or EventKind.OrchestratorCompleted).Timestamp;
        for (var i = 0; i < scheduled.Count; i++)
        {
            var step = scheduled[i];
            var next = i + 1 < scheduled.Count ? scheduled[i + 1].Timestamp : end;
            var completed = history.First(e => e.Kind is EventKind.TaskCompleted or EventKind.TaskFailed && e.TaskId == step.TaskId);
            var span = (next - step.Timestamp).TotalSeconds;
            if (step.Name == "RunAgentStep")
            {
                var result = JsonSerializer.Deserialize<AgentStepResult>(completed.Data!, JsonOptions)!;
                agentTimes.Add(result.DurationSeconds);
                overheads.Add(Math.Max(0, span - result.DurationSeconds));
            }
            else if (step.Name == "RunTests")
            {
                var outcome = JsonSerializer.Deserialize<TestRunOutcome>(completed.Data!, JsonOptions)!;
                testTimes.Add(outcome.DurationSeconds);
            }
        }
    }

    private static ProjectRequest DemoRequest(string scenarios)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(scenarios, "demo", "scenario.json")));
        var root = json.RootElement;
        return new ProjectRequest
        {
            Description = root.GetProperty("description").GetString()!,
            Requirements = root.TryGetProperty("requirements", out var r) ? r.GetString() : null,
            Technology = root.TryGetProperty("technology", out var t) ? t.GetString() : null,
            TestCommand = root.TryGetProperty("testCommand", out var c) ? c.GetString() : null,
            Provider = "replay",
            Scenario = "demo",
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = Nexus.Durable.Serialization.JsonDataConverter.CreateDefaultOptions();

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static double Round(double value) => Math.Round(value, 2);
}
