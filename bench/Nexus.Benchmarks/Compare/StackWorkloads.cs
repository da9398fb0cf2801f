using System.Diagnostics;
using System.Text.Json.Nodes;
using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Workflows;

namespace Nexus.Benchmarks.Compare;

/// <summary>W1, W2 and W3 on any stack, through its SDK client only (the same calls on every stack).</summary>
internal static class StackWorkloads
{
    // Per orchestration: 5 activity executions + 6 orchestration episodes (start, after each of the 5 results).
    private const int WorkItemsPerOrchestration = BenchWorkflows.SequenceLength + BenchWorkflows.SequenceLength + 1;
    private const int SettledJitMethods = 20;

    public static async Task<IReadOnlyList<JsonObject>> RunAllAsync(IBenchStack stack, StackSizes sizes, CancellationToken cancellationToken) =>
    [
        await W1Async(stack, sizes, cancellationToken),
        await W2Async(stack, sizes, cancellationToken),
        await W3Async(stack, sizes, cancellationToken),
    ];

    /// <summary>W1: all orchestrations started at once (concurrent start calls), then each awaited in turn; wall time
    /// from the first start to the last completion observed.</summary>
    public static async Task<JsonObject> W1Async(IBenchStack stack, StackSizes sizes, CancellationToken cancellationToken)
    {
        for (var round = 0; round < sizes.W1WarmupRounds; round++)
        {
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            await BatchAsync(stack, sizes.W1Warmup, cancellationToken);
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - jitted < SettledJitMethods)
            {
                break;
            }
        }

        var meter = new RunMeter();
        var wall = await BatchAsync(stack, sizes.W1Orchestrations, cancellationToken);
        var result = New(stack, "w1");
        result["n"] = sizes.W1Orchestrations;
        result["wall_s"] = Math.Round(wall.TotalSeconds, 4);
        result["work_items_per_s"] = Math.Round(sizes.W1Orchestrations * WorkItemsPerOrchestration / wall.TotalSeconds, 1);
        meter.AddTo(result);
        return result;
    }

    /// <summary>W2: one 5-activity orchestration at a time, start call to observed completion; median per activity.</summary>
    public static async Task<JsonObject> W2Async(IBenchStack stack, StackSizes sizes, CancellationToken cancellationToken)
    {
        var runs = new List<double>(sizes.W2Runs);
        for (var i = 0; i < sizes.W2Warmup + sizes.W2Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var id = await stack.Client.ScheduleNewOrchestrationInstanceAsync(BenchWorkflows.Sequence, i, cancellation: cancellationToken);
            await stack.WaitForCompletionAsync(id, latencyCritical: true, cancellationToken);
            if (i >= sizes.W2Warmup)
            {
                runs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        runs.Sort();
        var result = New(stack, "w2");
        result["runs"] = sizes.W2Runs;
        result["median_ms"] = Math.Round(Stats.Percentile(runs, 0.5), 3);
        result["p95_ms"] = Math.Round(Stats.Percentile(runs, 0.95), 3);
        result["per_activity_ms"] = Math.Round(Stats.Percentile(runs, 0.5) / BenchWorkflows.SequenceLength, 3);
        result["load_after"] = RunMeter.Load();
        return result;
    }

    /// <summary>W3: one orchestration fans out to <c>width</c> no-op activities and gathers them; median wall.</summary>
    public static async Task<JsonObject> W3Async(IBenchStack stack, StackSizes sizes, CancellationToken cancellationToken)
    {
        var walls = new List<double>(sizes.W3Runs);
        for (var i = 0; i < sizes.W3Warmup + sizes.W3Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var id = await stack.Client.ScheduleNewOrchestrationInstanceAsync(BenchWorkflows.FanOut, sizes.W3Width, cancellation: cancellationToken);
            await stack.WaitForCompletionAsync(id, latencyCritical: true, cancellationToken);
            if (i >= sizes.W3Warmup)
            {
                walls.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
        }

        walls.Sort();
        var result = New(stack, "w3");
        result["width"] = sizes.W3Width;
        result["runs"] = sizes.W3Runs;
        result["wall_s"] = Math.Round(Stats.Percentile(walls, 0.5), 4);
        result["min_s"] = Math.Round(walls[0], 4);
        result["max_s"] = Math.Round(walls[^1], 4);
        result["load_after"] = RunMeter.Load();
        return result;
    }

    private static async Task<TimeSpan> BatchAsync(IBenchStack stack, int n, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var ids = await Task.WhenAll(Enumerable.Range(0, n).Select(i =>
            stack.Client.ScheduleNewOrchestrationInstanceAsync(BenchWorkflows.Sequence, i, cancellation: cancellationToken)));
        foreach (var id in ids)
        {
            await stack.WaitForCompletionAsync(id, latencyCritical: false, cancellationToken);
        }

        return Stopwatch.GetElapsedTime(start);
    }

    private static JsonObject New(IBenchStack stack, string workload) => new()
    {
        ["workload"] = workload,
        ["stack"] = stack.Name,
        ["waiting"] = stack.Waiting,
    };
}
