using System.Diagnostics;
using System.Text.Json.Nodes;
using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Workflows;

namespace Nexus.Benchmarks.Engine;

/// <summary>W2: one orchestration at a time (five sequential no-op activities); end-to-end time from the start call to the
/// observed completion.</summary>
internal static class W2Latency
{
    public static async Task<JsonObject> RunAsync(BenchContext bench, CancellationToken cancellationToken)
    {
        var options = bench.Options;
        await using var host = await bench.StartHostAsync(measured: true, cancellationToken);
        for (var i = 0; i < options.W2Warmup; i++)
        {
            await RunOneAsync(host, i, cancellationToken);
        }

        host.Timing?.Reset();
        var meter = new RunMeter();
        var threads = options.Diagnostics ? new ThreadTimes() : null;
        var endToEnd = new List<double>(options.W2Runs);
        var storeSide = new List<double>(options.W2Runs);
        var observeLag = new List<double>(options.W2Runs);
        for (var i = 0; i < options.W2Runs; i++)
        {
            var (ms, storeMs, lagMs) = await RunOneAsync(host, i, cancellationToken);
            endToEnd.Add(ms);
            storeSide.Add(storeMs);
            if (lagMs is { } lag)
            {
                observeLag.Add(lag);
            }
        }

        endToEnd.Sort();
        var median = Stats.Percentile(endToEnd, 0.5);
        var result = bench.NewResult("w2");
        result["runs"] = options.W2Runs;
        result["median_ms"] = Math.Round(median, 3);
        result["p95_ms"] = Math.Round(Stats.Percentile(endToEnd, 0.95), 3);
        result["per_activity_ms"] = Math.Round(median / BenchWorkflows.SequenceLength, 3);
        result["max_ms"] = Math.Round(endToEnd[^1], 3);
        result["store_median_ms"] = Math.Round(Stats.Median(storeSide), 3);
        if (observeLag.Count > 0)
        {
            result["observe_lag_median_ms"] = Math.Round(Stats.Median(observeLag), 3);
        }

        meter.AddTo(result);
        threads?.AddTo(result);
        if (host.Timing is { } timing)
        {
            DiagPrinter.Print(bench, "w2", timing.Stats, options.W2Runs, cancellationToken);
        }

        return result;
    }

    private static async Task<(double Ms, double StoreMs, double? LagMs)> RunOneAsync(EngineHost host, int input, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchWorkflows.Sequence, input, cancellation: cancellationToken);
        var done = await CompletionWaiter.WaitAsync(host.Client, id, cancellationToken);
        var end = Stopwatch.GetTimestamp();

        double? lag = host.Timing?.FinishedAt(id) is { } finished ? Stopwatch.GetElapsedTime(finished, end).TotalMilliseconds : null;
        return (Stopwatch.GetElapsedTime(start, end).TotalMilliseconds, (done.LastUpdatedAt - done.CreatedAt).TotalMilliseconds, lag);
    }
}
