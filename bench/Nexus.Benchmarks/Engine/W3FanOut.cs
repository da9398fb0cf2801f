using System.Diagnostics;
using System.Text.Json.Nodes;
using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Workflows;

namespace Nexus.Benchmarks.Engine;

/// <summary>W3: one orchestration fans out to <c>width</c> no-op activities (Task.WhenAll) and gathers them.</summary>
internal static class W3FanOut
{
    private const int Warmup = 3;
    private const int Runs = 7;

    public static async Task<JsonObject> RunAsync(BenchContext bench, CancellationToken cancellationToken)
    {
        var width = bench.Options.W3Width;
        await using var host = await bench.StartHostAsync(measured: true, cancellationToken);
        for (var i = 0; i < Warmup; i++)
        {
            await RunOneAsync(host, width, cancellationToken);
        }

        host.Timing?.Reset();
        var meter = new RunMeter();
        var walls = new List<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            walls.Add(await RunOneAsync(host, width, cancellationToken));
        }

        walls.Sort();
        var result = bench.NewResult("w3");
        result["width"] = width;
        result["runs"] = Runs;
        result["wall_s"] = Math.Round(Stats.Percentile(walls, 0.5), 4);
        result["min_s"] = Math.Round(walls[0], 4);
        result["max_s"] = Math.Round(walls[^1], 4);
        meter.AddTo(result);
        if (host.Timing is { } timing)
        {
            DiagPrinter.Print(bench, "w3", timing.Stats, Runs, cancellationToken);
        }

        return result;
    }

    private static async Task<double> RunOneAsync(EngineHost host, int width, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchWorkflows.FanOut, width, cancellation: cancellationToken);
        await CompletionWaiter.WaitAsync(host.Client, id, cancellationToken);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
