using System.Globalization;
using System.Runtime.InteropServices;

namespace Nexus.Agents.Processes;

/// <summary>Measures the CPU time and resident memory of a process and all its descendants from Linux's <c>/proc</c>,
/// sampling at an interval while it runs.</summary>
/// <remarks>
/// <para>Why sampling the tree, and not <c>getrusage(RUSAGE_CHILDREN)</c> or <c>wait4</c>: RUSAGE_CHILDREN adds up every
/// child this whole process ever reaped (git, other projects' test runs, agent turns running at the same time), and .NET
/// reaps its children itself (its SIGCHLD handling calls <c>waitpid</c>), so a <c>wait4</c> of our own would race it.</para>
/// <para>Why by parent (<c>/proc/PID/task/TID/children</c>) and not by process group or session: under bubblewrap the real
/// work runs in a child PID namespace started with <c>--new-session</c>, so it is neither in the leader's group nor its
/// session; but bubblewrap's process is the namespace's init, every orphan inside is re-parented to it, and so the whole
/// sandbox stays one tree under the leader. (Unsandboxed, an orphan that double-forked escapes to the host's init and is
/// not counted; the process-group kill still reaches it.)</para>
/// <para>CPU: the sum of <c>utime + stime + cutime + cstime</c> over the live tree (a process's reaped children are in
/// its <c>c*</c> fields, so nothing is counted twice); the tree's total only grows, so the largest sum is kept. What
/// ran after the last sample — at most one interval — is not counted. Memory: the largest sum of <c>VmRSS</c> at one
/// sample, or any single process's <c>VmHWM</c> (its own peak, between samples too) if larger.</para>
/// </remarks>
internal sealed class ProcessTreeSampler(int rootPid)
{
    private static readonly Lazy<long> _ticksPerSecond = new(() => OperatingSystem.IsLinux() && SysConf(ScClkTck) is > 0 and var t ? t : 100);

    private double _cpuSeconds;
    private long _peakBytes;
    private int _samples;

    /// <summary>Whether this platform has a <c>/proc</c> to sample.</summary>
    public static bool Supported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task");

    /// <summary>What was measured so far.</summary>
    public ProcessResources Result => new(_cpuSeconds, _peakBytes, _samples);

    /// <summary>Samples until <paramref name="cancellationToken"/> fires (the process ended), every <paramref name="interval"/>.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(interval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Takes one sample of the tree (nothing when it is gone).</summary>
    public void Sample()
    {
        double cpu = 0;
        long rss = 0, hwm = 0;
        var seen = 0;
        var pending = new Stack<int>();
        var visited = new HashSet<int>();
        pending.Push(rootPid);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!visited.Add(pid) || !TryRead(pid, out var ticks, out var processRss, out var processHwm))
            {
                continue;
            }

            seen++;
            cpu += ticks / (double)_ticksPerSecond.Value;
            rss += processRss;
            hwm = Math.Max(hwm, processHwm);
            foreach (var child in Children(pid))
            {
                pending.Push(child);
            }
        }

        if (seen == 0)
        {
            return;
        }

        _samples++;
        _cpuSeconds = Math.Max(_cpuSeconds, cpu);
        _peakBytes = Math.Max(_peakBytes, Math.Max(rss, hwm));
    }

    private static bool TryRead(int pid, out long ticks, out long rssBytes, out long hwmBytes)
    {
        ticks = rssBytes = hwmBytes = 0;
        try
        {
            // Fields after the command name (which may hold spaces and parentheses): state is field 3, utime 14 … cstime 17.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] == "Z")
            {
                return false;
            }

            ticks = Field(fields, 14) + Field(fields, 15) + Field(fields, 16) + Field(fields, 17);
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rssBytes = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwmBytes = Kilobytes(line) * 1024;
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    // Field n of /proc/PID/stat (1-based), counted in the part after "pid (comm) ", which starts at field 3.
    private static long Field(string[] fields, int n) => long.Parse(fields[n - 3], NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(child, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                {
                    yield return id;
                }
            }
        }
    }

    private const int ScClkTck = 2;

    [DllImport("libc", EntryPoint = "sysconf")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern long SysConf(int name);
}
