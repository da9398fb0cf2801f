using System.Globalization;
using System.Text.Json.Nodes;

namespace Nexus.Benchmarks.Diagnostics;

/// <summary>Per-thread CPU time and run-queue wait (Linux <c>/proc/self/task/*/schedstat</c>), grouped by thread name:
/// separates a thread's own work from time it was runnable but had no core (other load on the machine).</summary>
internal sealed class ThreadTimes
{
    private readonly Dictionary<int, (string Name, long CpuNs, long WaitNs, long Slices)> _before = Snapshot();

    /// <summary>Adds one <c>threads</c> object: name → [cpu_s, runqueue_wait_s, timeslices] over the section.</summary>
    public void AddTo(JsonObject result)
    {
        var totals = new SortedDictionary<string, (double Cpu, double Wait, long Slices)>(StringComparer.Ordinal);
        foreach (var (tid, now) in Snapshot())
        {
            var before = _before.TryGetValue(tid, out var b) ? b : (now.Name, 0L, 0L, 0L);
            var sum = totals.GetValueOrDefault(now.Name);
            totals[now.Name] = (
                sum.Cpu + ((now.CpuNs - before.Item2) / 1e9),
                sum.Wait + ((now.WaitNs - before.Item3) / 1e9),
                sum.Slices + (now.Slices - before.Item4));
        }

        var threads = new JsonObject();
        foreach (var (name, t) in totals)
        {
            if (t.Cpu >= 0.005 || t.Wait >= 0.005)
            {
                threads[name] = new JsonArray(Math.Round(t.Cpu, 3), Math.Round(t.Wait, 3), t.Slices);
            }
        }

        result["threads_cpu_wait_slices"] = threads;
    }

    private static Dictionary<int, (string Name, long CpuNs, long WaitNs, long Slices)> Snapshot()
    {
        var map = new Dictionary<int, (string, long, long, long)>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return map;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var tid = int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                var name = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                var parts = File.ReadAllText(Path.Combine(dir, "schedstat")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                map[tid] = (name, long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread exited meanwhile.
            }
        }

        return map;
    }
}
