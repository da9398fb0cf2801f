namespace Nexus.Benchmarks.Diagnostics;

/// <summary>Figures of one operation: calls, total ms, mean/median/p99/max µs, mean items per call (locks).</summary>
internal sealed record OpSummary(string Op, int Count, double TotalMs, double MeanUs, double P50Us, double P99Us, double MaxUs, double? MeanItems);
