using System.Text.Json.Nodes;
using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Workflows;

namespace Nexus.Benchmarks.Engine;

/// <summary>Pickup: how long a new work item waits before an idle worker in another process starts it. One start at a
/// time after an idle gap (0.2–1.2 s, a fixed sequence, so polling workers are caught at every point of their back-off);
/// the figure is the first episode's start time (the worker's clock) minus the instance's creation time (this process's
/// clock, same machine). With <c>--notify on</c> the commit's NOTIFY wakes the worker; with <c>--notify off</c> only
/// its polling finds the item.</summary>
internal static class PickupLatency
{
    private const int Warmup = 5;

    public static async Task<JsonObject> RunAsync(BenchContext bench, CancellationToken cancellationToken)
    {
        var options = bench.Options;
        await using var host = await EngineHost.StartAsync(bench.Factory, options, diagnostics: false, cancellationToken, inProcessWorker: false);
        var gaps = new Random(7);
        var pickups = new List<double>(options.PickupRuns);
        for (var i = 0; i < Warmup + options.PickupRuns; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200 + gaps.Next(1000)), cancellationToken);
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchWorkflows.Stamp, i, cancellation: cancellationToken);
            var done = await CompletionWaiter.WaitAsync(host.Client, id, cancellationToken, getOutput: true);

            if (i >= Warmup)
            {
                var started = new DateTime(done.ReadOutputAs<long>(), DateTimeKind.Utc);
                pickups.Add((started - done.CreatedAt.UtcDateTime).TotalMilliseconds);
            }
        }

        pickups.Sort();
        var result = bench.NewResult("pickup");
        result["notify"] = options.Notify ? "on" : "off";
        result["worker_processes"] = options.Workers;
        result["runs"] = options.PickupRuns;
        result["median_ms"] = Math.Round(Stats.Percentile(pickups, 0.5), 3);
        result["p95_ms"] = Math.Round(Stats.Percentile(pickups, 0.95), 3);
        result["min_ms"] = Math.Round(pickups[0], 3);
        result["max_ms"] = Math.Round(pickups[^1], 3);
        return result;
    }
}
