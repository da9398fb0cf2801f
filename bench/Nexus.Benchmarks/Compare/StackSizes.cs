namespace Nexus.Benchmarks.Compare;

/// <summary>How much each workload runs on one stack.</summary>
/// <param name="W1Orchestrations">W1: orchestrations started at once (each 5 activities, 11 work items).</param>
/// <param name="W1Warmup">W1: orchestrations of each unmeasured batch before, repeated (up to <paramref name="W1WarmupRounds"/>
/// times) until the JIT has settled (fewer than 20 methods compiled in a batch): tiered compilation with PGO would
/// otherwise be measured too (3–10 s of JIT on these cores).</param>
/// <param name="W1WarmupRounds">W1: the most warm-up batches.</param>
/// <param name="W2Runs">W2: measured runs of one orchestration at a time.</param>
/// <param name="W2Warmup">W2: unmeasured runs before.</param>
/// <param name="W3Width">W3: activities of the fan-out.</param>
/// <param name="W3Runs">W3: measured fan-outs.</param>
/// <param name="W3Warmup">W3: unmeasured fan-outs before.</param>
internal sealed record StackSizes(int W1Orchestrations, int W1Warmup, int W1WarmupRounds, int W2Runs, int W2Warmup, int W3Width, int W3Runs, int W3Warmup)
{
    /// <summary>The sizes: W1 1,000 orchestrations, W2 200 runs, W3 a fan-out of 100 (7 runs).</summary>
    public static StackSizes Full { get; } = new(1000, 500, 6, 200, 20, 100, 7, 3);

    /// <summary>Azure Storage on Azurite does about 32 work items/s here, so W1 runs 100 orchestrations and W2/W3 fewer
    /// runs (the rates are comparable; a 1,000-orchestration W1 alone would take about 3.5 minutes).</summary>
    public static StackSizes AzureStorage { get; } = new(100, 20, 6, 20, 3, 100, 3, 1);

    /// <summary>A smoke run: every stack and workload once, in seconds.</summary>
    public static StackSizes Quick { get; } = new(20, 5, 1, 5, 1, 10, 2, 1);
}
