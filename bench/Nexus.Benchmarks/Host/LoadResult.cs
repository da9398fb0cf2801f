namespace Nexus.Benchmarks.Host;

/// <summary>One measured load run against one URL.</summary>
/// <param name="Target">What was requested (for the table).</param>
/// <param name="Status">The status code the URL answers (probed before the run).</param>
/// <param name="BodyBytes">The response body's size.</param>
/// <param name="Clients">Concurrent request loops.</param>
/// <param name="Requests">Responses received in the measured run (any status).</param>
/// <param name="Errors">Responses that were not 2xx.</param>
/// <param name="Failures">Requests that got no response (transport errors, timeouts).</param>
/// <param name="Seconds">The measured run's wall time, until the last loop finished.</param>
/// <param name="SortedMs">Every response's latency in milliseconds, sorted.</param>
/// <param name="CpuSeconds">Process CPU time over the run (server and load clients share the process).</param>
/// <param name="Meter">The run's <see cref="Diagnostics.RunMeter"/> figures (CPU, allocations, GCs, JIT, load).</param>
internal sealed record LoadResult(
    string Target,
    int Status,
    int BodyBytes,
    int Clients,
    int Requests,
    int Errors,
    int Failures,
    double Seconds,
    IReadOnlyList<double> SortedMs,
    double CpuSeconds,
    System.Text.Json.Nodes.JsonObject Meter)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;
}
