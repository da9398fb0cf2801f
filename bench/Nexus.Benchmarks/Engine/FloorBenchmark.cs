using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

using Nexus.Benchmarks.Workflows;

namespace Nexus.Benchmarks.Engine;

/// <summary>The floor: the same five no-op calls made directly in-process (awaited in sequence), per call.</summary>
/// <remarks>Also reports the cost of a call that hops through the thread pool (<c>Task.Yield</c>), the smallest unit
/// of asynchronous hand-off an engine step contains several of.</remarks>
internal static class FloorBenchmark
{
    private const int Sequences = 2_000_000;
    private const int YieldSequences = 100_000;

    public static async Task<JsonObject> RunAsync(BenchContext bench, double? perActivityMs)
    {
        await RunAsync(Sequences / 10, NoOpAsync);
        var perCall = await RunAsync(Sequences, NoOpAsync);
        await RunAsync(YieldSequences / 10, YieldAsync);
        var perYield = await RunAsync(YieldSequences, YieldAsync);
        var result = bench.NewResult("floor");
        result["per_call_us"] = Math.Round(perCall, 4);
        result["per_call_yield_us"] = Math.Round(perYield, 3);
        result["ratio"] = perActivityMs is { } ms ? Math.Round(ms * 1000 / perCall, 0) : null;
        result["ratio_yield"] = perActivityMs is { } ms2 ? Math.Round(ms2 * 1000 / perYield, 1) : null;
        result["load_after"] = Diagnostics.RunMeter.Load();
        return result;
    }

    private static async Task<double> RunAsync(int sequences, Func<int, Task<int>> call)
    {
        var x = 0;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < sequences; i++)
        {
            for (var step = 0; step < BenchWorkflows.SequenceLength; step++)
            {
                x = await call(x);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        GC.KeepAlive(x);
        return elapsed.TotalMicroseconds / (sequences * (double)BenchWorkflows.SequenceLength);
    }

    // The activity's body (FuncActivity returns Task.FromResult), as an opaque call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<int> NoOpAsync(int x) => Task.FromResult(x);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<int> YieldAsync(int x)
    {
        await Task.Yield();
        return x;
    }
}
