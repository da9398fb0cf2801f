using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Nexus.Benchmarks.Diagnostics;

/// <summary>Process CPU, allocations, GCs and machine load over one measured section.</summary>
internal sealed class RunMeter
{
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: false);
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly int _gen1 = GC.CollectionCount(1);
    private readonly int _gen2 = GC.CollectionCount(2);
    private readonly long _threadPoolItems = ThreadPool.CompletedWorkItemCount;
    private readonly double _loadBefore = Load();
    private readonly long _jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
    private readonly TimeSpan _jitTime = System.Runtime.JitInfo.GetCompilationTime();

    public static double Load()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>Adds <c>cpu_s</c>, <c>alloc_mb</c>, <c>gc</c>, <c>threadpool_items</c>, <c>jit_methods</c>, <c>jit_s</c>, <c>load_before</c> and <c>load_after</c>.</summary>
    public void AddTo(JsonObject result)
    {
        result["cpu_s"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds, 3);
        result["alloc_mb"] = Math.Round((GC.GetTotalAllocatedBytes(precise: false) - _allocated) / 1048576.0, 1);
        result["gc"] = $"{GC.CollectionCount(0) - _gen0}/{GC.CollectionCount(1) - _gen1}/{GC.CollectionCount(2) - _gen2}";
        result["threadpool_items"] = ThreadPool.CompletedWorkItemCount - _threadPoolItems;
        result["jit_methods"] = System.Runtime.JitInfo.GetCompiledMethodCount() - _jitMethods;
        result["jit_s"] = Math.Round((System.Runtime.JitInfo.GetCompilationTime() - _jitTime).TotalSeconds, 3);
        result["load_before"] = _loadBefore;
        result["load_after"] = Load();
    }
}
