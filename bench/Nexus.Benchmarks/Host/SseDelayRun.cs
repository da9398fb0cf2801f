using System.Diagnostics;
using System.Globalization;
using Nexus.Durable;

namespace Nexus.Benchmarks.Host;

/// <summary>Starts demo projects (<see cref="HostBenchOptions.Parallel"/> at a time) and reads each one's
/// <c>/api/projects/{id}/stream</c>; the delay of a history event is its arrival at the client minus the return of the
/// store commit that appended its position (see <see cref="HistoryCommitRecorder"/>).</summary>
/// <remarks>Events committed before the stream's first event arrived were sent from the stream's first read (catch-up),
/// not pushed live, so they are counted apart and left out of the delay figures.</remarks>
internal static class SseDelayRun
{
    /// <summary>The stream's change wait (ProjectStreamApi's fallback poll when no notification comes).</summary>
    public static readonly TimeSpan StreamWait = TimeSpan.FromSeconds(1);

    private const int MaxWaves = 50;

    public static async Task<SseDelayResult> RunAsync(BenchHost host, HostBenchOptions options, CancellationToken cancellationToken)
    {
        using var client = host.CreateClient(options.Parallel + 4, Timeout.InfiniteTimeSpan);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromMinutes(15));
        var demo = new DemoProjects(host.ScenariosDirectory);
        host.Recorder.ResetWaits();
        var start = Stopwatch.GetTimestamp();
        var delays = new List<double>();
        var fromCall = new List<double>();
        int projects = 0, completed = 0, received = 0, catchUp = 0, unmatched = 0, mismatches = 0;
        for (var wave = 0; delays.Count < options.Events; wave++)
        {
            if (wave == MaxWaves)
            {
                throw new InvalidOperationException($"Only {delays.Count} live history events after {MaxWaves} waves of projects.");
            }

            var streams = new Task<StreamOutcome>[options.Parallel];
            for (var i = 0; i < streams.Length; i++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"sse-{wave}-{i}-{Guid.NewGuid().ToString("N")[..8]}");
                streams[i] = StreamOneAsync(host, client, demo, id, bounded.Token);
            }

            foreach (var outcome in await Task.WhenAll(streams))
            {
                projects++;
                completed += outcome.Completed ? 1 : 0;
                received += outcome.Received;
                catchUp += outcome.CatchUp;
                unmatched += outcome.Unmatched;
                mismatches += outcome.IdsMatch ? 0 : 1;
                delays.AddRange(outcome.DelaysMs);
                fromCall.AddRange(outcome.FromCallMs);
            }
        }

        delays.Sort();
        fromCall.Sort();
        var waits = host.Recorder.Waits.TryGetValue(StreamWait, out var w) ? w : default;
        return new SseDelayResult(projects, completed, received, delays, fromCall, catchUp, unmatched, mismatches, waits, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private static async Task<StreamOutcome> StreamOneAsync(BenchHost host, HttpClient client, DemoProjects demo, string id, CancellationToken cancellationToken)
    {
        await demo.StartAsync(client, id, approvePlan: false, cancellationToken);
        var events = await SseStreamReader.ReadAsync(client, $"/api/projects/{id}/stream", cancellationToken);
        if (events.Count == 0)
        {
            throw new InvalidOperationException($"The stream of {id} sent nothing.");
        }

        var stored = await host.Projects.GetHistoryAsync(id, cancellationToken);
        var view = await host.Projects.GetAsync(id, cancellationToken: cancellationToken);
        var firstArrival = events[0].ArrivedAt;
        var history = events.Where(e => e.Type == "history").ToList();
        var positions = history.Select(e => int.Parse(e.Id!, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        var delays = new List<double>(history.Count);
        var upper = new List<double>(history.Count);
        int catchUp = 0, unmatched = 0;
        for (var i = 0; i < history.Count; i++)
        {
            if (host.Recorder.CommittedAt(id, positions[i]) is not { } committed)
            {
                unmatched++;
            }
            else if (committed.Returned < firstArrival)
            {
                catchUp++;
            }
            else
            {
                delays.Add(Stopwatch.GetElapsedTime(committed.Returned, history[i].ArrivedAt).TotalMilliseconds);
                upper.Add(Stopwatch.GetElapsedTime(committed.Called, history[i].ArrivedAt).TotalMilliseconds);
            }
        }

        return new StreamOutcome(
            view?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            history.Count,
            delays,
            upper,
            catchUp,
            unmatched,
            positions.SequenceEqual(Enumerable.Range(0, stored.Count)));
    }

    private sealed record StreamOutcome(bool Completed, int Received, List<double> DelaysMs, List<double> FromCallMs, int CatchUp, int Unmatched, bool IdsMatch);
}
