using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Durable.History;
using Nexus.Durable.Replay;
using Nexus.Durable.Sdk;
using Nexus.Durable.Serialization;

namespace Nexus.Durable.Tests.Replay;

/// <summary>Replays a recorded history through the SDK's runner the way the worker does (<see cref="SdkOrchestrationRuntime"/>),
/// one episode at a time, so a test can compare what the code does now with what was recorded.</summary>
internal static class EpisodeReplay
{
    // What reaches an orchestration from outside in an episode; everything else in an episode is what the code produced.
    private static readonly EventKind[] Incoming =
    [
        EventKind.ExecutionStarted, EventKind.TaskCompleted, EventKind.TaskFailed, EventKind.TimerFired, EventKind.EventRaised,
        EventKind.SubOrchestrationInstanceCompleted, EventKind.SubOrchestrationInstanceFailed,
        EventKind.EntityOperationCompleted, EventKind.EntityOperationFailed,
        EventKind.ExecutionSuspended, EventKind.ExecutionResumed, EventKind.ExecutionTerminated,
    ];

    /// <summary>The runners a worker with default options builds (entity support on, the engine's JSON rules).</summary>
    public static SdkRunners Runners { get; } = new(JsonDataConverter.Default, NullLoggerFactory.Instance);

    /// <summary>A fresh runtime for one execution of <paramref name="orchestrator"/>, as the worker creates it after a restart.</summary>
    public static SdkOrchestrationRuntime Runtime(string instanceId, string name, ITaskOrchestrator orchestrator) =>
        new(instanceId, name, orchestrator, Runners);

    /// <summary>For every episode of <paramref name="history"/>: replays the history before it in a fresh runtime, feeds it
    /// the episode's incoming events at the episode's time, and returns what was recorded next to what the code produced.</summary>
    public static IEnumerable<ReplayedEpisode> EveryEpisode(string instanceId, string name, Func<ITaskOrchestrator> create, IReadOnlyList<HistoryEvent> history)
    {
        for (var start = 0; start < history.Count; start++)
        {
            if (history[start].Kind != EventKind.OrchestratorStarted)
            {
                continue;
            }

            var end = Enumerable.Range(start, history.Count - start).First(i => history[i].Kind == EventKind.OrchestratorCompleted);
            var recorded = history.Skip(start).Take(end - start + 1).ToList();
            var incoming = recorded.Where(e => Incoming.Contains(e.Kind)).ToList();
            var result = Runtime(instanceId, name, create()).RunEpisode([.. history.Take(start)], incoming, history[start].Timestamp);
            yield return new ReplayedEpisode(start, recorded, result, IsLast: end == history.Count - 1);
        }
    }

    /// <summary>What identifies an episode's events for a comparison: kind, task id, name, target instance, and the data of
    /// scheduled activities and of the completion (the values the code computed).</summary>
    public static List<string> Shape(IEnumerable<HistoryEvent> events) =>
        [.. events.Select(e => $"{e.Kind}:{e.TaskId}:{e.Name}:{e.InstanceId}:{(e.Kind is EventKind.TaskScheduled or EventKind.ExecutionCompleted ? e.Data : null)}")];
}
