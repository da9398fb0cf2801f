using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Nexus.Benchmarks.Diagnostics;

namespace Nexus.Benchmarks.Host;

/// <summary>A bounded load run: N concurrent loops over one shared <see cref="HttpClient"/> (one
/// <see cref="SocketsHttpHandler"/>, up to N connections), each sending GET and reading the whole body, one request at a
/// time; every latency is recorded with <see cref="Stopwatch"/> timestamps.</summary>
internal static class LoadRun
{
    /// <summary>A warm-up round that compiles fewer methods than this ends the warm-up.</summary>
    public const int QuietRound = 20;

    /// <summary>The longest warm-up, however busy the JIT still is.</summary>
    public static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(60);

    /// <summary>Runs the same loops over every path in turn, one second each, recording nothing, for at least
    /// <see cref="HostBenchOptions.WarmupSeconds"/> and until a full round compiles fewer than <see cref="QuietRound"/> methods (JIT tiering
    /// lags far behind on a busy machine), at most <see cref="MaxWarmup"/>. Returns the seconds spent and the methods the
    /// JIT compiled in each round.</summary>
    public static async Task<(double Seconds, IReadOnlyList<long> MethodsPerRound)> WarmUpAsync(
        HttpClient client, IReadOnlyList<string> paths, HostBenchOptions options, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var rounds = new List<long>();
        long compiled;
        do
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (var path in paths)
            {
                await PhaseAsync(client, path, options.Clients, Deadline(1), long.MaxValue, cancellationToken);
            }

            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            rounds.Add(compiled);
        }
        while ((Stopwatch.GetElapsedTime(start).TotalSeconds < options.WarmupSeconds || compiled >= QuietRound) && Stopwatch.GetElapsedTime(start) < MaxWarmup);
        return (Stopwatch.GetElapsedTime(start).TotalSeconds, rounds);
    }

    /// <summary>The measured run (after a probe request for the status and body size).</summary>
    public static async Task<LoadResult> RunAsync(HttpClient client, string target, string path, HostBenchOptions options, CancellationToken cancellationToken)
    {
        int status;
        int bytes;
        using (var probe = await client.GetAsync(path, cancellationToken))
        {
            status = (int)probe.StatusCode;
            bytes = (await probe.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
        }

        var meter = new RunMeter();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var deadline = options.Requests is null ? Deadline(options.Seconds) : long.MaxValue;
        var loops = await PhaseAsync(client, path, options.Clients, deadline, options.Requests ?? long.MaxValue, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var figures = new JsonObject();
        meter.AddTo(figures);

        var ms = loops.SelectMany(l => l.Ticks).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToList();
        return new LoadResult(
            target, status, bytes, options.Clients, ms.Count, loops.Sum(l => l.Errors), loops.Sum(l => l.Failures), seconds, ms, cpuSeconds, figures);
    }

    private static long Deadline(double seconds) => Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);

    private static async Task<LoopSamples[]> PhaseAsync(
        HttpClient client, string path, int clients, long deadline, long requests, CancellationToken cancellationToken)
    {
        var remaining = new StrongBox<long>(requests);
        var loops = new Task<LoopSamples>[clients];
        for (var i = 0; i < clients; i++)
        {
            loops[i] = Task.Run(() => LoopAsync(client, path, deadline, remaining, cancellationToken), cancellationToken);
        }

        return await Task.WhenAll(loops);
    }

    private static async Task<LoopSamples> LoopAsync(
        HttpClient client, string path, long deadline, StrongBox<long> remaining, CancellationToken cancellationToken)
    {
        var samples = new LoopSamples();
        while (Stopwatch.GetTimestamp() < deadline && Interlocked.Decrement(ref remaining.Value) >= 0)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
                samples.Ticks.Add(Stopwatch.GetTimestamp() - start);
                if (!response.IsSuccessStatusCode)
                {
                    samples.Errors++;
                }
            }
            catch (HttpRequestException)
            {
                samples.Failures++;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                samples.Failures++; // HttpClient.Timeout
            }
        }

        return samples;
    }
}
