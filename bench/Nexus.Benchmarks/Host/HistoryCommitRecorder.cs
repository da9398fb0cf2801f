using System.Collections.Concurrent;
using System.Diagnostics;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Nexus.Hosting;

namespace Nexus.Benchmarks.Host;

/// <summary>A decorating store (installed through <c>NexusOptions.StoreFactory</c>) that records, for every commit that
/// returns, when it returned (Stopwatch timestamp) and which history positions of which instance it appended.</summary>
/// <remarks>
/// <para>Only <see cref="CheckpointAsync"/> appends history: it writes <see cref="OrchestrationCheckpoint.NewHistory"/> at
/// positions <see cref="OrchestrationWorkItem.HistoryCount"/>, +1, … (from 0 with
/// <see cref="OrchestrationCheckpoint.ReplaceHistory"/>). <see cref="CreateInstanceAsync"/> and the
/// <c>CompleteActivityAsync</c> overloads commit too, but into the inbox (the ExecutionStarted message, the activity's
/// result); the episode that consumes those messages appends them to the history in its checkpoint. They are counted
/// so the output can say so.</para>
/// <para>It also counts <see cref="WaitForInstanceChangeAsync"/> by its <c>maxWait</c>: woken by a change notification or
/// timed out (the event stream waits with a 1 s fallback).</para>
/// <para>Disposing it disposes the inner store (the runtime owns this decorator).</para>
/// </remarks>
internal sealed class HistoryCommitRecorder(IDurableStore inner) : IDurableStore
{
    private readonly ConcurrentDictionary<(string InstanceId, int Position), (long Called, long Returned)> _committedAt = new();
    private readonly ConcurrentDictionary<TimeSpan, WaitCounts> _waits = new();
    private long _checkpoints;
    private long _checkpointsWithHistory;
    private long _eventsAppended;
    private long _activityCompletions;
    private long _creations;

    /// <summary>When the commit that appended history position <paramref name="position"/> of <paramref name="instanceId"/>
    /// was called and when it returned (Stopwatch timestamps), or <see langword="null"/> when no recorded commit appended it.
    /// The transaction committed in between.</summary>
    public (long Called, long Returned)? CommittedAt(string instanceId, int position) =>
        _committedAt.TryGetValue((instanceId, position), out var at) ? at : null;

    /// <summary>Commit counts: checkpoints, those that appended history, events appended, activity completions, creations.</summary>
    public (long Checkpoints, long WithHistory, long Events, long ActivityCompletions, long Creations) Counts =>
        (Interlocked.Read(ref _checkpoints), Interlocked.Read(ref _checkpointsWithHistory), Interlocked.Read(ref _eventsAppended),
         Interlocked.Read(ref _activityCompletions), Interlocked.Read(ref _creations));

    /// <summary><see cref="WaitForInstanceChangeAsync"/> calls by <c>maxWait</c>: (woken, timed out).</summary>
    public IReadOnlyDictionary<TimeSpan, (long Woken, long TimedOut)> Waits =>
        _waits.ToDictionary(p => p.Key, p => (Interlocked.Read(ref p.Value.Woken), Interlocked.Read(ref p.Value.TimedOut)));

    /// <summary>Forgets the wait counts (after a warm-up).</summary>
    public void ResetWaits() => _waits.Clear();

    public ValueTask InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public async ValueTask CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken = default)
    {
        await inner.CreateInstanceAsync(instance, cancellationToken);
        Interlocked.Increment(ref _creations);
    }

    public ValueTask<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.GetInstanceAsync(instanceId, cancellationToken);

    public ValueTask<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.GetHistoryAsync(instanceId, cancellationToken);

    public ValueTask<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryInstancesAsync(query, cancellationToken);

    public ValueTask SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default) =>
        inner.SendMessagesAsync(messages, cancellationToken);

    public ValueTask<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public ValueTask<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) =>
        inner.PurgeInstancesAsync(filter, cancellationToken);

    public ValueTask<WorkBatch<OrchestrationWorkItem>> LockInstancesAsync(LockRequest request, CancellationToken cancellationToken = default) =>
        inner.LockInstancesAsync(request, cancellationToken);

    public async ValueTask<CheckpointResult> CheckpointAsync(OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var called = Stopwatch.GetTimestamp();
        var result = await inner.CheckpointAsync(checkpoint, cancellationToken);
        var returned = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _checkpoints);
        var count = checkpoint.NewHistory.Count;
        if (count > 0)
        {
            var id = checkpoint.WorkItem.Instance.InstanceId;
            var first = checkpoint.ReplaceHistory ? 0 : checkpoint.WorkItem.HistoryCount;
            for (var i = 0; i < count; i++)
            {
                _committedAt[(id, first + i)] = (called, returned);
            }

            Interlocked.Increment(ref _checkpointsWithHistory);
            Interlocked.Add(ref _eventsAppended, count);
        }

        return result;
    }

    public ValueTask AbandonInstanceAsync(OrchestrationWorkItem workItem, string error, CancellationToken cancellationToken = default) =>
        inner.AbandonInstanceAsync(workItem, error, cancellationToken);

    public ValueTask<LeaseStatus> RenewInstanceLeaseAsync(OrchestrationWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        inner.RenewInstanceLeaseAsync(workItem, leaseDuration, cancellationToken);

    public ValueTask ParkInstanceAsync(OrchestrationWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default) =>
        inner.ParkInstanceAsync(workItem, failure, cancellationToken);

    public ValueTask<WorkBatch<ActivityWorkItem>> LockActivitiesAsync(LockRequest request, CancellationToken cancellationToken = default) =>
        inner.LockActivitiesAsync(request, cancellationToken);

    public async ValueTask CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken = default)
    {
        await inner.CompleteActivityAsync(workItem, result, cancellationToken);
        Interlocked.Increment(ref _activityCompletions);
    }

    public async ValueTask<OrchestrationWorkItem?> CompleteActivityAsync(
        ActivityWorkItem workItem, HistoryEvent result, LockRequest? lockInstance, CancellationToken cancellationToken = default)
    {
        var episode = await inner.CompleteActivityAsync(workItem, result, lockInstance, cancellationToken);
        Interlocked.Increment(ref _activityCompletions);
        return episode;
    }

    public ValueTask AbandonActivityAsync(ActivityWorkItem workItem, string error, CancellationToken cancellationToken = default) =>
        inner.AbandonActivityAsync(workItem, error, cancellationToken);

    public ValueTask<LeaseStatus> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        inner.RenewActivityLeaseAsync(workItem, leaseDuration, cancellationToken);

    public ValueTask ParkActivityAsync(ActivityWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default) =>
        inner.ParkActivityAsync(workItem, failure, cancellationToken);

    public ValueTask<IReadOnlyList<PoisonRecord>> GetPoisonAsync(CancellationToken cancellationToken = default) =>
        inner.GetPoisonAsync(cancellationToken);

    public ValueTask<StoreDiagnostics> GetDiagnosticsAsync(string instanceId, CancellationToken cancellationToken = default) =>
        inner.GetDiagnosticsAsync(instanceId, cancellationToken);

    public ValueTask WaitForWorkAsync(WorkKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        inner.WaitForWorkAsync(kind, maxWait, cancellationToken);

    public async ValueTask WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.WaitForInstanceChangeAsync(instanceId, maxWait, cancellationToken);
        var counts = _waits.GetOrAdd(maxWait, static _ => new WaitCounts());
        if (Stopwatch.GetElapsedTime(start) >= maxWait)
        {
            Interlocked.Increment(ref counts.TimedOut);
        }
        else
        {
            Interlocked.Increment(ref counts.Woken);
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class WaitCounts
    {
        public long Woken;
        public long TimedOut;
    }
}
