namespace Nexus.Benchmarks.Host;

/// <summary>The SSE delay run: commit-to-arrival delays of live history events and what was left out.</summary>
/// <param name="Projects">Projects started and streamed.</param>
/// <param name="Completed">Of those, how many ended Completed.</param>
/// <param name="Received">History events received over all streams.</param>
/// <param name="SortedMs">Delay (ms) of each live history event from the return of the commit that appended it, sorted
/// (a lower bound: the transaction committed before the call returned).</param>
/// <param name="FromCallSortedMs">The same from the start of that commit call, sorted (an upper bound).</param>
/// <param name="CatchUp">Events committed before their stream's first event arrived (sent from the first read, not live).</param>
/// <param name="Unmatched">Events whose position no recorded commit appended (should be 0).</param>
/// <param name="IdMismatches">Streams whose history ids were not exactly 0..n-1 of the stored history (should be 0).</param>
/// <param name="StreamWaits">The stream's change waits (1 s fallback): woken by a notification, timed out.</param>
/// <param name="Seconds">Wall time of the run.</param>
internal sealed record SseDelayResult(
    int Projects,
    int Completed,
    int Received,
    IReadOnlyList<double> SortedMs,
    IReadOnlyList<double> FromCallSortedMs,
    int CatchUp,
    int Unmatched,
    int IdMismatches,
    (long Woken, long TimedOut) StreamWaits,
    double Seconds);
