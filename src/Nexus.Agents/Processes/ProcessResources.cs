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
}
