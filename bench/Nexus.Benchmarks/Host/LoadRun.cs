using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Nexus.Benchmarks.Host;

/// <summary>A bounded load run: N concurrent loops over one shared <see cref="HttpClient"/> (one
/// <see cref="SocketsHttpHandler"/>, up to N connections), each sending GET and reading the whole body, one request at a
/// time; every latency is recorded with <see cref="Stopwatch"/> timestamps.</summary>
internal static class LoadRun
{
    /// <summary>Runs the same loops for <see cref="HostBenchOptions.WarmupSeconds"/>, recording nothing (JIT, tiering,
    /// connections).</summary>
    public static async Task WarmUpAsync(HttpClient client, string path, HostBenchOptions options, CancellationToken cancellationToken)
    {
        if (options.WarmupSeconds > 0)
        {
            await PhaseAsync(client, path, options.Clients, Deadline(options.WarmupSeconds), long.MaxValue, cancellationToken);
        }
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

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var deadline = options.Requests is null ? Deadline(options.Seconds) : long.MaxValue;
        var loops = await PhaseAsync(client, path, options.Clients, deadline, options.Requests ?? long.MaxValue, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

        var ms = loops.SelectMany(l => l.Ticks).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToList();
        return new LoadResult(
            target, status, bytes, options.Clients, ms.Count, loops.Sum(l => l.Errors), loops.Sum(l => l.Failures), seconds, ms, cpuSeconds);
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
