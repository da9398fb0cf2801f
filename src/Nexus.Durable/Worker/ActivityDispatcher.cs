using Microsoft.Extensions.Logging;
using Nexus.Durable.Activities;
using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Sdk;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Worker;

/// <summary>Runs locked activities, renews their leases while they run, and records their results.</summary>
internal sealed class ActivityDispatcher(
    IDurableStore store,
    DurableRegistry registry,
    SdkRunners sdk,
    DurableWorkerOptions options,
    ILogger logger,
    CancellationToken hardStop)
    : WorkDispatcher<ActivityWorkItem>(WorkKind.Activity, options.MaxConcurrentActivities, store, options, logger)
{
    // Activities shorter than this never start a lease watcher (keeps short activities cheap).
    private static readonly TimeSpan WatchAfter = TimeSpan.FromMilliseconds(250);

    // Waits before the 2nd, 3rd, … attempt to record a result (well inside any sensible lease).
    private static readonly TimeSpan[] RecordAttempts = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    /// <summary>Where the orchestration episode a completion locks (eager dispatch) runs; null to only deliver results.</summary>
    public InstanceDispatcher? Orchestrations { get; set; }

    protected override ValueTask<WorkBatch<ActivityWorkItem>> LockAsync(int maxItems, CancellationToken cancellationToken) =>
        Store.LockActivitiesAsync(new LockRequest(Options.WorkerId, maxItems, Options.LeaseDuration), cancellationToken);

    protected override async Task ProcessAsync(ActivityWorkItem item)
    {
        var request = item.Request;
        try
        {
            if (item.DequeueCount > Options.MaxDequeueCount)
            {
                var failure = PoisonFailure.ForActivity(item, Options.MaxDequeueCount);
                WorkerLog.Parked(Logger, request.InstanceId, failure.Message);
                await Store.ParkActivityAsync(item, failure).ConfigureAwait(false);
                return;
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
            using var watcher = new ActivityLeaseWatcher(Store, item, Options, cancel);
            using var startWatcher = Options.TimeProvider.CreateTimer(static s => ((ActivityLeaseWatcher)s!).Start(), watcher, WatchAfter, Timeout.InfiniteTimeSpan);
            HistoryEvent result;
            try
            {
                result = await ExecuteAsync(item, cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                await Store.AbandonActivityAsync(item, "The worker shut down while the activity ran.").ConfigureAwait(false);
                return;
            }

            await watcher.StopAsync().ConfigureAwait(false);
            await RecordAsync(item, result).ConfigureAwait(false);
        }
        catch (LeaseLostException)
        {
            WorkerLog.LeaseLost(Logger, request.InstanceId);
        }
        catch (Exception e)
        {
            WorkerLog.Abandoned(Logger, request.InstanceId, e.Message);
            try
            {
                await Store.AbandonActivityAsync(item, $"{e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            }
            catch (Exception abandonError)
            {
                WorkerLog.Abandoned(Logger, request.InstanceId, abandonError.Message);
            }
        }
    }

    // The result exists only in this process: a store error while recording it (a dropped connection, a full connection
    // pool, a restarting server) is retried while the lease holds, instead of abandoning the activity and running it again.
    private async Task RecordAsync(ActivityWorkItem item, HistoryEvent result)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CompleteAsync(item, result).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not LeaseLostException && attempt < RecordAttempts.Length + 1 && !hardStop.IsCancellationRequested)
            {
                WorkerLog.RecordRetried(Logger, item.Request.InstanceId, attempt, e.Message);
                await Task.Delay(RecordAttempts[attempt - 1], Options.TimeProvider, hardStop).ConfigureAwait(false);
            }
        }
    }

    // Records the result; when this worker has a free orchestration slot, the same transaction locks the orchestration if
    // it is free and its next episode starts here at once (no poll round trip).
    private async Task CompleteAsync(ActivityWorkItem item, HistoryEvent result)
    {
        var orchestrations = Orchestrations;
        var reserved = orchestrations?.TryReserve(1) ?? 0;
        if (reserved == 0)
        {
            await Store.CompleteActivityAsync(item, result).ConfigureAwait(false);
            return;
        }

        OrchestrationWorkItem? episode;
        try
        {
            episode = await Store.CompleteActivityAsync(item, result, new LockRequest(Options.WorkerId, 1, Options.LeaseDuration)).ConfigureAwait(false);
        }
        catch
        {
            orchestrations!.ReleaseReserved(reserved);
            throw;
        }

        if (episode is null)
        {
            orchestrations!.ReleaseReserved(reserved);
        }
        else
        {
            orchestrations!.StartReserved(episode);
        }
    }

    private async Task<HistoryEvent> ExecuteAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        var request = item.Request;
        try
        {
            var context = new ActivityContext(request.Name, request.InstanceId, request.TaskId, item.DequeueCount, cancellationToken);
            if (registry.TryCreateTaskActivity(request.Name, context) is not { } activity)
            {
                // As Microsoft's worker answers an activity it does not have: the orchestration gets the failure at once.
                return new HistoryEvent
                {
                    Kind = EventKind.TaskFailed,
                    TaskId = request.TaskId,
                    Timestamp = Options.TimeProvider.GetUtcNow(),
                    Name = request.Name,
                    Failure = SdkTaskNotFound.Activity(request.Name),
                };
            }

            return Completed(request, await SdkActivityExecutor.RunAsync(activity, context, request.ExecutionId, request.Input, sdk).ConfigureAwait(false));
        }
        catch (Exception e) when (!(e is OperationCanceledException && hardStop.IsCancellationRequested))
        {
            var failure = FailureDetails.FromException(e);
            if (e is UnknownFunctionException or ArgumentException)
            {
                failure = failure with { IsNonRetriable = true };
            }

            return new HistoryEvent
            {
                Kind = EventKind.TaskFailed,
                TaskId = request.TaskId,
                Timestamp = Options.TimeProvider.GetUtcNow(),
                Name = request.Name,
                Failure = failure,
            };
        }
    }

    private HistoryEvent Completed(ActivityRequest request, string? output) => new()
    {
        Kind = EventKind.TaskCompleted,
        TaskId = request.TaskId,
        Timestamp = Options.TimeProvider.GetUtcNow(),
        Data = output,
    };
}
