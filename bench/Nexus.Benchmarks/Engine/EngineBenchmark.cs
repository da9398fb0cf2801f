using System.Text.Json.Nodes;
using Nexus.Benchmarks.Stores;

namespace Nexus.Benchmarks.Engine;

/// <summary>Runs the selected workloads, prints one JSON object per line, then a short table.</summary>
internal static class EngineBenchmark
{
    public static async Task RunAsync(EngineBenchOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        var bench = new BenchContext(options, StoreFactories.For(options), output);
        var results = new List<JsonObject>();
        double? perActivityMs = null;
        foreach (var workload in new[] { "w1", "w2", "w3", "pickup", "floor" })
        {
            if (!options.Workloads.Contains(workload))
            {
                continue;
            }

            var result = workload switch
            {
                "w1" => await W1Throughput.RunAsync(bench, cancellationToken),
                "w2" => await W2Latency.RunAsync(bench, cancellationToken),
                "w3" => await W3FanOut.RunAsync(bench, cancellationToken),
                "pickup" => await PickupLatency.RunAsync(bench, cancellationToken),
                _ => await FloorBenchmark.RunAsync(bench, perActivityMs),
            };
            if (workload == "w2")
            {
                perActivityMs = (double?)result["per_activity_ms"];
            }

            await output.WriteLineAsync(result.ToJsonString());
            await output.FlushAsync(cancellationToken);
            results.Add(result);
        }

        await output.WriteLineAsync();
        await ResultTable.WriteAsync(output, results);
    }
}
