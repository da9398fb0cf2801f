using System.Globalization;
using System.Runtime;
using System.Text.Json.Nodes;
using Nexus.Benchmarks.Diagnostics;

namespace Nexus.Benchmarks.Host;

/// <summary>The host benchmark's output: the setup, one JSON object per figure, and the table with its explanation.</summary>
internal static class HostReport
{
    public static async Task WriteSetupAsync(TextWriter output, BenchHost host, HostBenchOptions options, string loadAtStart)
    {
        await output.WriteLineAsync($"host benchmark: NexusHost in-process, Kestrel on {host.BaseAddress} (real sockets, HTTP/1.1)");
        await output.WriteLineAsync($"  data: {host.DataDirectory} (SQLite nexus.db, durability full); replay agents on {host.ScenariosDirectory}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  rate limit RAISED for this run: Nexus:RateLimitPermits = {BenchHost.RateLimitPermits} per key per minute (default 600); the limiter still runs on every request"));
        await output.WriteLineAsync("  API key: a random key in Nexus:ApiKeys, sent as X-Api-Key; logging: minimum level Warning (the shipped host logs every request at Information)");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {Environment.ProcessorCount} cores; {(GCSettings.IsServerGC ? "server" : "workstation")} GC (the Web SDK's default is server GC); load clients run in the same process as the server"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  load: {options.Clients} loops over ONE shared HttpClient (SocketsHttpHandler, up to {options.Clients} connections), each GET + whole body, one at a time; " +
            $"{(options.Requests is { } n ? $"{n} requests" : $"{options.Seconds} s")} per target after a warm-up of both targets (at least {options.WarmupSeconds} s, until the JIT is nearly quiet)"));
        await output.WriteLineAsync($"  load average at start: {loadAtStart}");
        await output.WriteLineAsync();
    }

    public static string Json(LoadResult r)
    {
        var json = new JsonObject
        {
            ["workload"] = "host_get",
            ["target"] = r.Target,
            ["status"] = r.Status,
            ["body_bytes"] = r.BodyBytes,
            ["clients"] = r.Clients,
            ["requests"] = r.Requests,
            ["errors_non_2xx"] = r.Errors,
            ["failures"] = r.Failures,
            ["seconds"] = Round(r.Seconds, 3),
            ["requests_per_s"] = Round(r.RequestsPerSecond, 1),
            ["p50_ms"] = Round(Stats.Percentile(r.SortedMs, 0.50), 3),
            ["p90_ms"] = Round(Stats.Percentile(r.SortedMs, 0.90), 3),
            ["p99_ms"] = Round(Stats.Percentile(r.SortedMs, 0.99), 3),
            ["max_ms"] = Round(r.SortedMs.Count > 0 ? r.SortedMs[^1] : 0, 3),
        };
        foreach (var (name, value) in r.Meter)
        {
            json[name] = value?.DeepClone();
        }

        return json.ToJsonString();
    }

    public static string Json(SseDelayResult r, HistoryCommitRecorder recorder)
    {
        var counts = recorder.Counts;
        var json = new JsonObject
        {
            ["workload"] = "host_sse",
            ["projects"] = r.Projects,
            ["completed"] = r.Completed,
            ["history_events"] = r.Received,
            ["live_events"] = r.SortedMs.Count,
            ["catch_up_events"] = r.CatchUp,
            ["unmatched_events"] = r.Unmatched,
            ["id_mismatches"] = r.IdMismatches,
            ["median_ms"] = Round(Stats.Percentile(r.SortedMs, 0.50), 3),
            ["p95_ms"] = Round(Stats.Percentile(r.SortedMs, 0.95), 3),
            ["max_ms"] = Round(r.SortedMs.Count > 0 ? r.SortedMs[^1] : 0, 3),
            ["min_ms"] = Round(r.SortedMs.Count > 0 ? r.SortedMs[0] : 0, 3),
            ["negative"] = r.SortedMs.Count(m => m < 0),
            ["over_500_ms"] = r.SortedMs.Count(m => m > 500),
            ["from_call_median_ms"] = Round(Stats.Percentile(r.FromCallSortedMs, 0.50), 3),
            ["from_call_p95_ms"] = Round(Stats.Percentile(r.FromCallSortedMs, 0.95), 3),
            ["from_call_max_ms"] = Round(r.FromCallSortedMs.Count > 0 ? r.FromCallSortedMs[^1] : 0, 3),
            ["stream_waits_woken"] = r.StreamWaits.Woken,
            ["stream_waits_timed_out"] = r.StreamWaits.TimedOut,
            ["checkpoints"] = counts.Checkpoints,
            ["activity_completions"] = counts.ActivityCompletions,
            ["seconds"] = Round(r.Seconds, 2),
            ["load_after"] = RunMeter.Load(),
        };
        return json.ToJsonString();
    }

    public static async Task WriteTableAsync(
        TextWriter output, IReadOnlyList<LoadResult> loads, SseDelayResult sse, HistoryCommitRecorder recorder, HostBenchOptions options, string loadAtStart, string loadAtEnd)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{"GET /api/projects/{id}, " + options.Clients + " clients",-36} {"status",6} {"bytes",6} {"requests",9} {"req/s",8} {"p50 ms",7} {"p90 ms",7} {"p99 ms",7} {"max ms",8} {"errors",6} {"cores",5}"));
        foreach (var r in loads)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.Target,-36} {r.Status,6} {r.BodyBytes,6} {r.Requests,9} {r.RequestsPerSecond,8:0} {Stats.Percentile(r.SortedMs, 0.5),7:0.00} {Stats.Percentile(r.SortedMs, 0.9),7:0.00} " +
                $"{Stats.Percentile(r.SortedMs, 0.99),7:0.00} {(r.SortedMs.Count > 0 ? r.SortedMs[^1] : 0),8:0.00} {r.Errors + r.Failures,6} {(r.Seconds > 0 ? r.CpuSeconds / r.Seconds : 0),5:0.00}"));
        }

        await output.WriteLineAsync("  errors = non-2xx answers + requests with no answer; cores = this process's CPU seconds / wall seconds (server and clients together)");
        var ms = sse.SortedMs;
        var counts = recorder.Counts;
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{"SSE history events, " + sse.Projects + " demo projects (" + options.Parallel + " at a time)",-54} {"events",6} {"median ms",9} {"p95 ms",8} {"max ms",8} {"min ms",8} {"<0",4} {">500ms",6}"));
        await SseRowAsync(output, "commit RETURN -> client arrival", ms);
        await SseRowAsync(output, "commit CALL -> client arrival", sse.FromCallSortedMs);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {sse.Completed}/{sse.Projects} projects Completed; {sse.Received} history events received, {sse.CatchUp} catch-up left out, {sse.Unmatched} unmatched; " +
            $"ids = 0..n-1 of the stored history in {sse.Projects - sse.IdMismatches}/{sse.Projects} streams"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  stream change waits (1 s fallback poll): {sse.StreamWaits.Woken} woken by the store's change notification, {sse.StreamWaits.TimedOut} timed out"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  commits recorded: {counts.Checkpoints} checkpoints ({counts.WithHistory} appended {counts.Events} history events), {counts.ActivityCompletions} activity completions and {counts.Creations} creations (inbox only, no history)"));
        await output.WriteLineAsync(
            "  measured: for each history event (SSE id = its position in the durable history), the Stopwatch time its event was complete on the client (blank line read from the raw stream)");
        await output.WriteLineAsync(
            "  minus the time the store's CheckpointAsync that appended that position returned (first row) or was called (second row), both in this process.");
        await output.WriteLineAsync(
            "  The SQLite transaction (durability full) commits between the two, so the true delay lies between the rows; the store wakes streams before it");
        await output.WriteLineAsync(
            "  completes the caller's task, so a busy thread pool can resume the worker after the event already arrived (negative first-row values);");
        await output.WriteLineAsync(
            "  events committed before the stream's first event arrived were sent by the stream's first read, not pushed, and are left out.");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"load average: start {loadAtStart}, end {loadAtEnd}");
    }

    private static async Task SseRowAsync(TextWriter output, string label, IReadOnlyList<double> ms) =>
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{label,-54} {ms.Count,6} {Stats.Percentile(ms, 0.5),9:0.00} {Stats.Percentile(ms, 0.95),8:0.00} {(ms.Count > 0 ? ms[^1] : 0),8:0.00} " +
            $"{(ms.Count > 0 ? ms[0] : 0),8:0.00} {ms.Count(m => m < 0),4} {ms.Count(m => m > 500),6}"));

    private static double Round(double value, int digits) => Math.Round(value, digits);
}
