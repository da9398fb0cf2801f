using System.Globalization;
using System.Text.Json.Nodes;

namespace Nexus.Benchmarks.Engine;

/// <summary>The short human table printed after the JSON lines.</summary>
internal static class ResultTable
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<JsonObject> results)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"workload",-8} {"store",-8} {"durab.",-7} {"procs",5} {"figure",-44} {"load",5}"));
        foreach (var r in results)
        {
            var figure = (string?)r["workload"] switch
            {
                "w1" => $"{Num(r, "work_items_per_s")} items/s, {Num(r, "orchestrations_per_s")} orch/s, {Num(r, "wall_s")} s",
                "w2" => $"median {Num(r, "median_ms")} ms, p95 {Num(r, "p95_ms")} ms, {Num(r, "per_activity_ms")} ms/act",
                "w3" => $"{Num(r, "wall_s")} s (width {Num(r, "width")})",
                "pickup" => $"median {Num(r, "median_ms")} ms, p95 {Num(r, "p95_ms")} ms, notify {(string?)r["notify"]}",
                _ => $"{Num(r, "per_call_us")} us/call, ratio {Num(r, "ratio")}",
            };
            var load = r["load_after"] is { } l ? ((double)l).ToString("0.0", CultureInfo.InvariantCulture) : "";
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{(string?)r["workload"],-8} {(string?)r["store"],-8} {(string?)r["durability"],-7} {Num(r, "worker_processes"),5} {figure,-44} {load,5}"));
        }
    }

    private static string Num(JsonObject r, string key) =>
        r[key] is JsonValue v ? v.ToJsonString() : "-";
}
