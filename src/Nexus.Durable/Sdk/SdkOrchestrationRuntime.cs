using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Grpc;
using Nexus.Durable.History;
using Nexus.Durable.Replay;
using P = Microsoft.DurableTask.Protobuf;

namespace Nexus.Durable.Sdk;

/// <summary>One execution of a Microsoft.DurableTask orchestrator, run episode by episode with the SDK's own
/// <see cref="GrpcOrchestrationRunner"/> — the runner the Azure Functions isolated worker uses.</summary>
/// <remarks>
/// NEXUS is the host: it hands the runner the past history and the new events (a fresh <c>OrchestratorStarted</c> first: its
/// timestamp is the orchestration's current time), and turns the returned actions into history, activities, timers,
/// messages and sub-orchestrations for one checkpoint (see <see cref="SdkEpisode"/>). The protocol history is kept between
/// episodes, so a cached runtime converts only new events. A terminate request ends the execution here, without running
/// the orchestrator. Replay, determinism checks and the orchestration's own semantics are the SDK's. Without an orchestrator
/// (no registration for the name) the first episode fails the execution as Microsoft's worker does
/// (<see cref="SdkTaskNotFound.Orchestrator"/>).
/// </remarks>
internal sealed class SdkOrchestrationRuntime(string instanceId, string name, ITaskOrchestrator? orchestrator, SdkRunners runners) : IEpisodeRuntime
{
    private readonly List<P.HistoryEvent> _past = [];
    private string? _lastCustomStatus;

    public string InstanceId { get; } = instanceId;

    public string Name { get; } = name;

    public string? ExecutionId { get; private set; }

    public ParentInstance? Parent { get; private set; }

    public int HistoryCount { get; private set; }

    public bool IsFinished { get; private set; }

    /// <summary>Whether a suspend request is in effect (the SDK buffers new events until the resume).</summary>
    public bool IsSuspended { get; private set; }

    public EpisodeResult RunEpisode(IReadOnlyList<HistoryEvent>? pastHistory, IReadOnlyList<HistoryEvent> newEvents, DateTimeOffset now)
    {
        if (IsFinished)
        {
            throw new InvalidOperationException($"The execution of '{InstanceId}' has ended; it cannot run another episode.");
        }

        if (pastHistory is { Count: > 0 })
        {
            foreach (var e in pastHistory)
            {
                Observe(e);
                _past.Add(ProtocolHistory.ToProtocol(e, InstanceId));
            }

            HistoryCount = pastHistory.Count;
            if (IsFinished)
            {
                throw new InvalidOperationException($"The history of '{InstanceId}' already ends its execution.");
            }
        }

        if (HistoryCount == 0)
        {
            newEvents = NewExecutionOrder(newEvents);
        }

        var started = new HistoryEvent { Kind = EventKind.OrchestratorStarted, Timestamp = now };
        var recorded = new List<HistoryEvent>(newEvents.Count + 4) { started };
        var terminate = -1;
        for (var i = 0; i < newEvents.Count && terminate < 0; i++)
        {
            recorded.Add(newEvents[i]);
            Observe(newEvents[i]);
            terminate = newEvents[i].Kind == EventKind.ExecutionTerminated ? i : -1;
        }

        var episode = new SdkEpisode(this, recorded, now);
        if (terminate >= 0)
        {
            return Commit(episode.Terminated(newEvents[terminate].Data));
        }

        if (orchestrator is null)
        {
            return Commit(episode.Apply([NotFound()]));
        }

        var request = new P.OrchestratorRequest
        {
            InstanceId = InstanceId,
            ExecutionId = ExecutionId,
            EntityParameters = runners.EntityParameters,
        };
        request.PastEvents.AddRange(_past);
        foreach (var e in recorded)
        {
            request.NewEvents.Add(ProtocolHistory.ToProtocol(e, InstanceId));
        }

        var encoded = GrpcOrchestrationRunner.LoadAndRun(Convert.ToBase64String(request.ToByteArray()), orchestrator, runners);
        var response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(encoded));
        var result = episode.Apply(response.Actions);
        if (response.CustomStatus is { } custom && !string.Equals(custom, _lastCustomStatus, StringComparison.Ordinal))
        {
            _lastCustomStatus = custom;
            result = result with { CustomStatus = custom };
        }

        return Commit(result);
    }

    /// <summary>The execution id a continue-as-new gives the next execution (the same on every replay of this one).</summary>
    internal string NextExecutionId() => DeterministicGuid.Create($"{InstanceId}:{ExecutionId}:continue-as-new").ToString("N");

    /// <summary>A new execution's events in the order the SDK expects: its <c>ExecutionStarted</c> first, then the events
    /// the previous execution carried over (it sent them to itself when it continued as new with
    /// <c>preserveUnprocessedEvents</c>), then the rest as they came. Messages reach the inbox ahead of the start they
    /// belong to — an event raised while the previous execution was committing is queued before the carried ones — and
    /// the SDK's runner drops events that precede the start.</summary>
    private List<HistoryEvent> NewExecutionOrder(IReadOnlyList<HistoryEvent> events)
    {
        var ordered = new List<HistoryEvent>(events.Count);
        ordered.AddRange(events.Where(e => e.Kind == EventKind.ExecutionStarted));
        ordered.AddRange(events.Where(IsCarriedOver));
        ordered.AddRange(events.Where(e => e.Kind != EventKind.ExecutionStarted && !IsCarriedOver(e)));
        return ordered;
    }

    private bool IsCarriedOver(HistoryEvent e) =>
        e.Kind == EventKind.EventRaised && string.Equals(e.InstanceId, InstanceId, StringComparison.Ordinal);

    private P.OrchestratorAction NotFound() => new()
    {
        CompleteOrchestration = new P.CompleteOrchestrationAction
        {
            OrchestrationStatus = P.OrchestrationStatus.Failed,
            FailureDetails = ProtocolFailures.ToProtocol(SdkTaskNotFound.Orchestrator(Name)),
        },
    };

    private EpisodeResult Commit(EpisodeResult result)
    {
        foreach (var e in result.NewHistory)
        {
            _past.Add(ProtocolHistory.ToProtocol(e, InstanceId));
        }

        HistoryCount += result.NewHistory.Count;
        IsFinished = result.IsTerminal || result.NewExecutionId is not null;
        return result;
    }

    private void Observe(HistoryEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.ExecutionStarted:
                ExecutionId = e.ExecutionId;
                Parent = e.Parent;
                break;
            case EventKind.ExecutionSuspended:
                IsSuspended = true;
                break;
            case EventKind.ExecutionResumed:
                IsSuspended = false;
                break;
            case EventKind.ExecutionCompleted or EventKind.ExecutionFailed or EventKind.ExecutionTerminated or EventKind.ContinueAsNew:
                IsFinished = true;
                break;
            default:
                break;
        }
    }
}
