using System.Diagnostics;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Workflows;
using P = Microsoft.DurableTask.Protobuf;

namespace Nexus.Benchmarks.Compare;

/// <summary>The SDK runner's cost per episode, as NEXUS's worker pays it (SdkOrchestrationRuntime): encode the request
/// (protobuf + base64), <see cref="GrpcOrchestrationRunner.LoadAndRun(string, Microsoft.DurableTask.ITaskOrchestrator, IServiceProvider)"/>
/// (which replays the whole past), decode the response. Warm, single-threaded, median of many episodes.</summary>
/// <remarks>The episode is <see cref="ChainOrchestrator"/> after <c>k</c> completed activities receiving the next result:
/// past = 4 + 4k events, new = 2 (OrchestratorStarted, TaskCompleted); the runner answers with the next ScheduleTask.
/// With an extended session (the SDK's <see cref="ExtendedSessionsCache"/>) the past is sent once and later episodes
/// carry only their new events.</remarks>
internal static class RunnerCost
{
    private const string InstanceId = "runner-cost";
    private const string ExecutionId = "e1";

    /// <summary>Full replay of a history of <c>4 + 4k + 2</c> events.</summary>
    public static JsonObject Replay(int completedActivities, int episodes)
    {
        var request = Request(completedActivities, pastIncluded: true);
        var orchestrator = new ChainOrchestrator();
        Expect(Run(request, orchestrator, null, out _, out _, out _), completedActivities + 1);
        for (var i = 0; i < Math.Max(100, episodes / 10); i++)
        {
            Run(request, orchestrator, null, out _, out _, out _);
        }

        var totals = new List<double>(episodes);
        var runs = new List<double>(episodes);
        var codec = new List<double>(episodes);
        for (var i = 0; i < episodes; i++)
        {
            Run(request, orchestrator, null, out var encode, out var run, out var decode);
            totals.Add(encode + run + decode);
            runs.Add(run);
            codec.Add(encode + decode);
        }

        var result = New("runner", $"full replay, {request.PastEvents.Count + request.NewEvents.Count} events");
        result["events"] = request.PastEvents.Count + request.NewEvents.Count;
        result["episodes"] = episodes;
        result["median_us"] = Math.Round(Stats.Median(totals), 2);
        result["run_median_us"] = Math.Round(Stats.Median(runs), 2);
        result["codec_median_us"] = Math.Round(Stats.Median(codec), 2);
        result["load_after"] = RunMeter.Load();
        return result;
    }

    /// <summary>An extended session: the history of <c>4 + 4k</c> events sent once, then <paramref name="episodes"/>
    /// episodes of two new events each (the session's cache holds the orchestration between them).</summary>
    public static JsonObject ExtendedSession(int completedActivities, int episodes)
    {
        using var cache = new ExtendedSessionsCache();
        var orchestrator = new ChainOrchestrator();
        var first = Request(completedActivities, pastIncluded: true, total: completedActivities + episodes + 1000);
        Extend(first, includeState: true);
        var response = Run(first, orchestrator, cache, out _, out _, out _);
        Expect(response, completedActivities + 1);
        var totals = new List<double>(episodes);
        var misses = 0;
        for (var k = completedActivities + 1; k <= completedActivities + episodes; k++)
        {
            var next = Request(k, pastIncluded: false);
            Extend(next, includeState: false);
            response = Run(next, orchestrator, cache, out var encode, out var run, out var decode);
            misses += response.RequiresHistory ? 1 : 0;
            totals.Add(encode + run + decode);
        }

        var result = New("runner", $"extended session, 2 new events (past {first.PastEvents.Count}+ cached)");
        result["events"] = 2;
        result["episodes"] = episodes;
        result["cache_misses"] = misses;
        result["median_us"] = Math.Round(Stats.Median(totals), 2);
        result["load_after"] = RunMeter.Load();
        return result;
    }

    private static P.OrchestratorResponse Run(
        P.OrchestratorRequest request, ChainOrchestrator orchestrator, ExtendedSessionsCache? cache, out double encodeUs, out double runUs, out double decodeUs)
    {
        var t0 = Stopwatch.GetTimestamp();
        var encoded = Convert.ToBase64String(request.ToByteArray());
        var t1 = Stopwatch.GetTimestamp();
        var output = cache is null
            ? GrpcOrchestrationRunner.LoadAndRun(encoded, orchestrator)
            : GrpcOrchestrationRunner.LoadAndRun(encoded, orchestrator, cache);
        var t2 = Stopwatch.GetTimestamp();
        var response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(output));
        var t3 = Stopwatch.GetTimestamp();
        encodeUs = Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds;
        runUs = Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds;
        decodeUs = Stopwatch.GetElapsedTime(t2, t3).TotalMicroseconds;
        return response;
    }

    /// <summary>Fails unless the runner scheduled activity <paramref name="taskId"/> (the episode did what is measured).</summary>
    public static void Expect(P.OrchestratorResponse response, int taskId)
    {
        if (response.Actions.Count != 1 || response.Actions[0].ScheduleTask is null || response.Actions[0].Id != taskId)
        {
            throw new InvalidOperationException($"The runner did not schedule activity #{taskId}: {response}");
        }
    }

    /// <summary>The episode after <paramref name="completed"/> activities of a chain of <paramref name="total"/>.</summary>
    internal static P.OrchestratorRequest Request(int completed, bool pastIncluded, int? total = null)
    {
        var at = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var request = new P.OrchestratorRequest { InstanceId = InstanceId, ExecutionId = ExecutionId };
        if (pastIncluded)
        {
            request.PastEvents.Add(Event(-1, at, e => e.OrchestratorStarted = new P.OrchestratorStartedEvent()));
            request.PastEvents.Add(Event(-1, at, e => e.ExecutionStarted = new P.ExecutionStartedEvent
            {
                Name = nameof(ChainOrchestrator),
                Input = (total ?? completed + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                OrchestrationInstance = new P.OrchestrationInstance { InstanceId = InstanceId, ExecutionId = ExecutionId },
            }));
            request.PastEvents.Add(Scheduled(0, at));
            request.PastEvents.Add(Event(-1, at, e => e.OrchestratorCompleted = new P.OrchestratorCompletedEvent()));
            for (var k = 0; k < completed; k++)
            {
                request.PastEvents.Add(Event(-1, at, e => e.OrchestratorStarted = new P.OrchestratorStartedEvent()));
                request.PastEvents.Add(Completed(k, at));
                request.PastEvents.Add(Scheduled(k + 1, at));
                request.PastEvents.Add(Event(-1, at, e => e.OrchestratorCompleted = new P.OrchestratorCompletedEvent()));
            }
        }

        request.NewEvents.Add(Event(-1, at, e => e.OrchestratorStarted = new P.OrchestratorStartedEvent()));
        request.NewEvents.Add(Completed(completed, at));
        return request;
    }

    private static void Extend(P.OrchestratorRequest request, bool includeState)
    {
        request.Properties["IsExtendedSession"] = Value.ForBool(true);
        request.Properties["ExtendedSessionIdleTimeoutInSeconds"] = Value.ForNumber(60);
        request.Properties["IncludeState"] = Value.ForBool(includeState);
    }

    // Activity k's input (and, echoed, its result) is k + 1: what ChainOrchestrator passes.
    private static P.HistoryEvent Scheduled(int k, DateTime at) =>
        Event(k, at, e => e.TaskScheduled = new P.TaskScheduledEvent { Name = BenchWorkflows.NoOp, Input = Json(k + 1) });

    private static P.HistoryEvent Completed(int k, DateTime at) =>
        Event(-1, at, e => e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = k, Result = Json(k + 1) });

    private static string Json(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static P.HistoryEvent Event(int id, DateTime at, Action<P.HistoryEvent> set)
    {
        var e = new P.HistoryEvent { EventId = id, Timestamp = Timestamp.FromDateTime(at) };
        set(e);
        return e;
    }

    private static JsonObject New(string workload, string stack) => new() { ["workload"] = workload, ["stack"] = stack };
}
