namespace Nexus.Agents.Processes;

/// <summary>What a process tree used while it ran, measured from <c>/proc</c> (see <see cref="ProcessTreeSampler"/>).</summary>
/// <param name="CpuSeconds">User plus system CPU time of the tree: the live processes' own and what they had reaped.</param>
/// <param name="PeakMemoryBytes">The largest resident set seen: the sum over the tree at one sample, or one process's own
/// high-water mark (<c>VmHWM</c>) if that was larger.</param>
/// <param name="Samples">How many samples were taken (0: the tree was gone before the first).</param>
public sealed record ProcessResources(double CpuSeconds, long PeakMemoryBytes, int Samples)
{
    /// <summary><see cref="PeakMemoryBytes"/> in MiB.</summary>
    public double PeakMemoryMb => PeakMemoryBytes / (1024.0 * 1024.0);

    /// <summary>What two runs of one piece of work used (a retried attempt, a restarted session): CPU time and samples
    /// added up, the larger peak. <see langword="null"/> when neither was measured; the measured one when only one was.</summary>
    public static ProcessResources? Combine(ProcessResources? first, ProcessResources? second) => (first, second) switch
    {
        ({ } a, { } b) => new ProcessResources(a.CpuSeconds + b.CpuSeconds, Math.Max(a.PeakMemoryBytes, b.PeakMemoryBytes), a.Samples + b.Samples),
        (null, _) => second,
        (_, null) => first,
    };
}
