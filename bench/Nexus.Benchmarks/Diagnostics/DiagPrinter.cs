using System.Text.Json.Nodes;
using Nexus.Benchmarks.Engine;

namespace Nexus.Benchmarks.Diagnostics;

/// <summary>Prints one JSON line per timed operation (<c>"diag"</c> lines; they follow the workload's own line).</summary>
internal static class DiagPrinter
{
    public static void Print(BenchContext bench, string workload, CallStats stats, int orchestrations, CancellationToken cancellationToken)
    {
        foreach (var s in stats.Summaries())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = new JsonObject
            {
                ["diag"] = workload,
                ["store"] = bench.Factory.Name,
                ["durability"] = bench.Factory.DurabilityLabel(bench.Options),
                ["op"] = s.Op,
                ["count"] = s.Count,
                ["per_orch"] = Math.Round((double)s.Count / orchestrations, 2),
                ["total_ms_per_orch"] = Math.Round(s.TotalMs / orchestrations, 3),
                ["mean_us"] = Math.Round(s.MeanUs, 1),
                ["p50_us"] = Math.Round(s.P50Us, 1),
                ["p99_us"] = Math.Round(s.P99Us, 1),
                ["max_us"] = Math.Round(s.MaxUs, 1),
            };
            if (s.MeanItems is { } items)
            {
                line["mean_items"] = Math.Round(items, 2);
            }

            bench.Output.WriteLine(line.ToJsonString());
        }
    }
}
