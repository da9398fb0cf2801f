namespace Nexus.Benchmarks.Diagnostics;

/// <summary>Order statistics over sorted samples.</summary>
internal static class Stats
{
    /// <summary>The <paramref name="p"/> quantile (0..1) of <paramref name="sorted"/> by linear interpolation; 0 when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static double Median(IEnumerable<double> values) => Percentile([.. values.Order()], 0.5);
}
