using System.Globalization;
using System.Text.Json.Nodes;

namespace Nexus.Benchmarks.Compare;

/// <summary>The one table of a compare run (Markdown): a row per measurement and stack, with the issue's target where
/// there is one and the load average when the row was measured.</summary>
internal static class CompareTable
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<JsonObject> results)
    {
        await output.WriteLineAsync("| measurement | stack | figure | target | load |");
        await output.WriteLineAsync("|---|---|---|---|---|");
        foreach (var r in results)
        {
            var workload = (string?)r["workload"];
            var stack = (string?)r["stack"] ?? "";
            var (measurement, figure, target) = workload switch
            {
                "w1" => ($"W1: {Num(r, "n")} × 5 activities at once", $"{Num(r, "work_items_per_s", "N0")} work items/s ({Num(r, "wall_s", "0.00")} s; CPU {Num(r, "cpu_s", "0.0")} s, of it JIT {Num(r, "jit_s", "0.0")} s)", W1Target(stack, r)),
                "w2" => ("W2: one 5-activity orchestration at a time", $"{Num(r, "per_activity_ms", "0.00")} ms/activity (run median {Num(r, "median_ms", "0.0")} ms, p95 {Num(r, "p95_ms", "0.0")} ms)", Target(stack, "SQLite", "≤ 1.5 ms", (double?)r["per_activity_ms"] <= 1.5)),
                "w3" => ($"W3: fan-out of {Num(r, "width")}", $"{Num(r, "wall_s", "0.000")} s (median of {Num(r, "runs")})", Target(stack, "SQLite", "≤ 0.1 s", (double?)r["wall_s"] <= 0.1)),
                _ => ("runner cost per episode", $"{Num(r, "median_us", "0.0")} µs" + (r["run_median_us"] is null ? "" : $" (LoadAndRun {Num(r, "run_median_us", "0.0")} µs)"), ""),
            };
            var load = r["load_after"] is JsonValue l ? ((double)l).ToString("0.0", CultureInfo.InvariantCulture) : "";
            await output.WriteLineAsync($"| {measurement} | {stack} | {figure} | {target} | {load} |");
        }
    }

    private static string W1Target(string stack, JsonObject r)
    {
        var rate = (double?)r["work_items_per_s"];
        return stack.Contains("SQLite", StringComparison.Ordinal)
            ? Target(stack, "SQLite", "≥ 6,000", rate >= 6000)
            : Target(stack, "PostgreSQL", "≥ 3,000", rate >= 3000);
    }

    private static string Target(string stack, string store, string target, bool met) =>
        stack.StartsWith("NEXUS", StringComparison.Ordinal) && stack.Contains(store, StringComparison.Ordinal) ? $"{target} {(met ? "met" : "**missed**")}" : "";

    private static string Num(JsonObject r, string key, string format = "0")
    {
        if (r[key] is not JsonValue value)
        {
            return "-";
        }

        return value.TryGetValue(out double d) ? d.ToString(format, CultureInfo.InvariantCulture) : value.ToJsonString();
    }
}
