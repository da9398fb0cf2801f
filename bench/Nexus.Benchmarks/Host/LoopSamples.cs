namespace Nexus.Benchmarks.Host;

/// <summary>What one load loop recorded: each response's latency in Stopwatch ticks, non-2xx responses, and requests
/// that got no response.</summary>
internal sealed class LoopSamples
{
    public List<long> Ticks { get; } = new(8192);

    public int Errors { get; set; }

    public int Failures { get; set; }
}
