using Microsoft.Extensions.Logging;
using Nexus.Durable.History;
using Nexus.Durable.Orchestrations;
using Nexus.Durable.Registry;
using Nexus.Durable.Serialization;

namespace Nexus.Durable.Replay;

/// <summary>One live execution of an orchestration: replays history into the code, then runs episodes of new events.</summary>
/// <remarks>
/// Not thread-safe: one episode at a time (the instance lock guarantees it). A runtime whose episode threw or whose
/// checkpoint failed must be discarded; the next episode rebuilds it from the history.
/// </remarks>
internal sealed partial class OrchestrationRuntime : IEpisodeRuntime
{
    private readonly OrchestrationBase _orchestration;
    private readonly DurableRegistry _registry;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly Dictionary<int, ScheduledAction> _unmatched = [];
    private readonly List<ScheduledAction> _newActions = [];
    private readonly Dictionary<int, OpenTask> _open = [];
    private readonly List<HistoryEvent> _eventBuffer = [];
    private readonly Dictionary<string, List<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _suspendedBuffer = [];
    private readonly ReplayOrchestrationContext _context;
    private Task<object?>? _run;
    private int _nextTaskId;
    private int _guidCounter;
    private DateTimeOffset _now;
    private bool _replaying;
    private bool _suspended;
    private bool _finished;
    private string? _customStatus;
    private bool _customStatusDirty;
    private bool _continueAsNew;
    private string? _continueAsNewInput;
    private string? _terminationReason;
    private int _position;

    public OrchestrationRuntime(string instanceId, string name, DurableRegistry registry, DataConverter converter, ILoggerFactory loggerFactory)
    {
        InstanceId = instanceId;
        Name = name;
        _registry = registry;
        _converter = converter;
        _loggerFactory = loggerFactory;
        _orchestration = registry.CreateOrchestration(name);
        _context = new ReplayOrchestrationContext(this);
    }

    public string InstanceId { get; }

    public string Name { get; }

    public string? ExecutionId { get; private set; }

    public ParentInstance? Parent { get; private set; }

    /// <summary>How many history events this runtime has consumed (replayed plus recorded by its episodes).</summary>
    public int HistoryCount { get; private set; }

    /// <summary>Whether the execution has ended (this runtime cannot take more episodes).</summary>
    public bool IsFinished => _finished;

    /// <summary>Runs one episode. <paramref name="pastHistory"/> is given only to a fresh runtime (replay).</summary>
    public EpisodeResult RunEpisode(IReadOnlyList<HistoryEvent>? pastHistory, IReadOnlyList<HistoryEvent> newEvents, DateTimeOffset now)
    {
        if (_finished)
        {
            throw new InvalidOperationException($"The execution of '{InstanceId}' has ended; it cannot run another episode.");
        }

        var recorded = new List<HistoryEvent>(newEvents.Count + 4);
        using (_sync.Enter())
        {
            try
            {
                if (pastHistory is { Count: > 0 })
                {
                    Replay(pastHistory);
                }

                _replaying = false;
                _now = now;
                recorded.Add(new HistoryEvent { Kind = EventKind.OrchestratorStarted, Timestamp = now });
                foreach (var e in newEvents)
                {
                    if (_finished)
                    {
                        break;
                    }

                    if (!IsExpected(e))
                    {
                        continue;
                    }

                    _position = HistoryCount + recorded.Count;
                    recorded.Add(e);
                    Apply(e);
                    _sync.Pump();
                }
            }
            catch (NonDeterminismException e)
            {
                return Fail(now, FailureDetails.FromException(e, includeStackTrace: false) with { IsNonRetriable = true });
            }
        }

        return Finish(recorded, now);
    }

    private void Replay(IReadOnlyList<HistoryEvent> history)
    {
        _replaying = true;
        for (var i = 0; i < history.Count; i++)
        {
            _position = i;
            Apply(history[i]);
            _sync.Pump();
            if (_finished)
            {
                break;
            }
        }

        HistoryCount = history.Count;
        if (_unmatched.Count > 0)
        {
            var action = _unmatched.Values.OrderBy(a => a.TaskId).First();
            throw NonDeterminism(
                $"after replaying all {history.Count} history events the code scheduled {ScheduledAction.Describe(action.Event)}, " +
                "which the history does not contain");
        }
    }

    private NonDeterminismException NonDeterminism(string detail) => new(
        $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): {detail}. " +
        "The orchestration code no longer matches its recorded history; deploy code changes that alter the sequence of " +
        "scheduled work under a new orchestration name, or let running instances finish first.");

    private EpisodeResult Fail(DateTimeOffset now, FailureDetails failure)
    {
        _finished = true;
        var history = new List<HistoryEvent>
        {
            new() { Kind = EventKind.OrchestratorStarted, Timestamp = now },
            new() { Kind = EventKind.ExecutionFailed, Timestamp = now, Failure = failure },
            new() { Kind = EventKind.OrchestratorCompleted, Timestamp = now },
        };
        HistoryCount += history.Count;
        return new EpisodeResult
        {
            NewHistory = history,
            Status = OrchestrationRuntimeStatus.Failed,
            Failure = failure,
            Messages = ParentNotification(now, null, failure),
        };
    }

    private ReplaySafeLogger CreateLogger(string category) => new ReplaySafeLogger(_loggerFactory.CreateLogger(category), () => _replaying);
}
