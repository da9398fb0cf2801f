using System.Diagnostics;
using System.Text.Json.Nodes;
using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Workflows;

namespace Nexus.Benchmarks.Engine;

/// <summary>W1: n orchestrations started at once, each five no-op activities in sequence; first start to last completion.</summary>
internal static class W1Throughput
{
    // Per orchestration: 5 activity executions + 6 episodes (start, after each of the 5 results).
    private const int WorkItemsPerOrchestration = BenchWorkflows.SequenceLength + BenchWorkflows.SequenceLength + 1;
    private const int MaxWarmupRounds = 6;
    private const int SettledJitMethods = 20;
    private const int PreloadBatch = 1000;

    public static async Task<JsonObject> RunAsync(BenchContext bench, CancellationToken cancellationToken)
    {
        var n = bench.Options.N;
        await using (var warm = await bench.StartHostAsync(measured: false, cancellationToken))
        {
            // JIT tiering (with PGO) must settle before measuring: batches until few methods are still being compiled.
            var size = Math.Max(1, Math.Min(n, 500));
            for (var round = 0; round < MaxWarmupRounds; round++)
            {
                var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
                await RunBatchAsync(warm, size, cancellationToken);
                if (System.Runtime.JitInfo.GetCompiledMethodCount() - jitted < SettledJitMethods)
                {
                    break;
                }
            }
        }

        await using var host = await bench.StartHostAsync(measured: true, cancellationToken);
        for (var preloaded = 0; preloaded < bench.Options.Preload; preloaded += PreloadBatch)
        {
            await RunBatchAsync(host, Math.Min(PreloadBatch, bench.Options.Preload - preloaded), cancellationToken);
        }

        host.Timing?.Reset();
        var writerBefore = WriterCounters.Read(host.RawStore);
        var meter = new RunMeter();
        var threads = bench.Options.Diagnostics ? new ThreadTimes() : null;
        var (wall, ids) = await RunBatchAsync(host, n, cancellationToken);
        var result = bench.NewResult("w1");
        result["n"] = n;
        result["preloaded"] = bench.Options.Preload;
        result["wall_s"] = Math.Round(wall.TotalSeconds, 4);
        result["orchestrations_per_s"] = Math.Round(n / wall.TotalSeconds, 1);
        result["work_items_per_s"] = Math.Round(n * WorkItemsPerOrchestration / wall.TotalSeconds, 1);
        meter.AddTo(result);
        threads?.AddTo(result);
        var cpu = (double)result["cpu_s"]!;
        result["cpu_us_per_item"] = Math.Round(cpu * 1e6 / (n * WorkItemsPerOrchestration), 1);
        await AddStoreSideWallAsync(host, ids, result, cancellationToken);
        if (WriterCounters.Read(host.RawStore) is { } after && writerBefore is { } before)
        {
            var transactions = after.Transactions - before.Transactions;
            var requests = after.Requests - before.Requests;
            result["writer_transactions"] = transactions;
            result["writer_requests"] = requests;
            result["writer_mean_group"] = transactions == 0 ? 0 : Math.Round((double)requests / transactions, 2);
        }

        if (host.Timing is { } timing)
        {
            DiagPrinter.Print(bench, "w1", timing.Stats, n, cancellationToken);
        }

        return result;
    }

    /// <summary>Starts <paramref name="n"/> Sequence5 instances at once and waits until all completed.</summary>
    internal static async Task<(TimeSpan Wall, string[] Ids)> RunBatchAsync(EngineHost host, int n, CancellationToken cancellationToken)
    {
        var ids = new string[n];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(BenchWorkflows.Sequence, i, cancellation: cancellationToken);
            ids[i] = id;
            await CompletionWaiter.WaitAsync(host.Client, id, cancellationToken);
        }));
        return (Stopwatch.GetElapsedTime(start), ids);
    }

    // The same wall time by the store's own timestamps (first created → last updated), without the completion waiters.
    private static async Task AddStoreSideWallAsync(EngineHost host, string[] ids, JsonObject result, CancellationToken cancellationToken)
    {
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        foreach (var id in ids)
        {
            var record = await host.RawStore.GetInstanceAsync(id, cancellationToken);
            if (record is not null)
            {
                first = record.CreatedTime < first ? record.CreatedTime : first;
                last = record.LastUpdatedTime > last ? record.LastUpdatedTime : last;
            }
        }

        result["wall_store_s"] = Math.Round((last - first).TotalSeconds, 4);
    }
}
