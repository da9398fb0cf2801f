using Microsoft.Extensions.Logging;
using Nexus.Durable.Entities;
using Nexus.Durable.History;
using Nexus.Durable.Registry;
using Nexus.Durable.Replay;
using Nexus.Durable.Sdk;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Worker;

/// <summary>Takes locked orchestration (or entity) instances, runs an episode and commits its checkpoint.</summary>
internal sealed class InstanceDispatcher(
    InstanceKind instanceKind,
    IDurableStore store,
    DurableRegistry registry,
    SdkRunners sdk,
    OrchestrationStateCache cache,
    DurableWorkerOptions options,
    ILogger logger)
    : WorkDispatcher<OrchestrationWorkItem>(
        instanceKind == InstanceKind.Entity ? WorkKind.Entity : WorkKind.Orchestration,
        instanceKind == InstanceKind.Entity ? options.MaxConcurrentEntities : options.MaxConcurrentOrchestrations,
        store,
        options,
        logger)
{
    /// <summary>Where activities locked by a checkpoint (eager dispatch) run; null for entities.</summary>
    public ActivityDispatcher? Activities { get; set; }

    protected override ValueTask<WorkBatch<OrchestrationWorkItem>> LockAsync(int maxItems, CancellationToken cancellationToken) =>
        Store.LockInstancesAsync(new LockRequest(Options.WorkerId, maxItems, Options.LeaseDuration, instanceKind), cancellationToken);

    protected override async Task ProcessAsync(OrchestrationWorkItem item)
    {
        var instanceId = item.Instance.InstanceId;
        try
        {
            if (item.DequeueCount > Options.MaxDequeueCount)
            {
                cache.Take(instanceId);
                var failure = PoisonFailure.ForInstance(item, Options.MaxDequeueCount);
                WorkerLog.Parked(Logger, instanceId, failure.Message);
                await Store.ParkInstanceAsync(item, failure).ConfigureAwait(false);
                return;
            }

            var now = Options.TimeProvider.GetUtcNow();
            var checkpoint = instanceKind == InstanceKind.Entity
                ? await ExecuteEntityAsync(item, now).ConfigureAwait(false)
                : await RunEpisodeAsync(item, now).ConfigureAwait(false);
            await CommitAsync(checkpoint).ConfigureAwait(false);
            if (checkpoint.Update.RuntimeStatus == OrchestrationRuntimeStatus.Failed && checkpoint.Update.Failure is { } failed)
            {
                WorkerLog.OrchestrationFailed(Logger, instanceId, failed.Message);
            }

            if (instanceKind == InstanceKind.Orchestration && checkpoint.Update.RuntimeStatus.IsTerminal())
            {
                ReportEnded(item.Instance, checkpoint.Update, now);
            }
        }
        catch (LeaseLostException)
        {
            cache.Take(instanceId);
            WorkerLog.LeaseLost(Logger, instanceId);
        }
        catch (Exception e)
        {
            cache.Take(instanceId);
            WorkerLog.Abandoned(Logger, instanceId, e.Message);
            try
            {
                await Store.AbandonInstanceAsync(item, $"{e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            }
            catch (Exception abandonError)
            {
                WorkerLog.Abandoned(Logger, instanceId, abandonError.Message);
            }
        }
    }

    private void ReportEnded(InstanceRecord instance, InstanceUpdate update, DateTimeOffset now)
    {
        if (Options.InstanceEnded is not { } ended)
        {
            return;
        }

        try
        {
            ended(new EndedInstance(
                instance.InstanceId, instance.Name, update.RuntimeStatus, instance.CreatedTime, now, update.CustomStatus ?? instance.CustomStatus, update.Failure));
        }
        catch (Exception e)
        {
            WorkerLog.EndedCallbackFailed(Logger, instance.InstanceId, e.Message);
        }
    }

    // Commits the checkpoint; activities it schedules are locked in the same transaction for as many free activity slots as
    // this worker has, and start at once (no poll round trip).
    private async Task CommitAsync(OrchestrationCheckpoint checkpoint)
    {
        var activities = Activities;
        var reserved = activities is null || checkpoint.Activities.Count == 0 ? 0 : activities.TryReserve(checkpoint.Activities.Count);
        if (reserved == 0)
        {
            await Store.CheckpointAsync(checkpoint).ConfigureAwait(false);
            return;
        }

        CheckpointResult result;
        try
        {
            result = await Store.CheckpointAsync(checkpoint with { LockActivities = new LockRequest(Options.WorkerId, reserved, Options.LeaseDuration) })
                .ConfigureAwait(false);
        }
        catch
        {
            activities!.ReleaseReserved(reserved);
            throw;
        }

        var started = Math.Min(result.LockedActivities.Count, reserved);
        for (var i = 0; i < started; i++)
        {
            activities!.StartReserved(result.LockedActivities[i]);
        }

        activities!.ReleaseReserved(reserved - started);
    }

    // A delayed start (StartAt in the future) is in the inbox but not visible yet, while an event, a suspension or a resume
    // sent to the instance already is. A termination is applied at once (the instance ends Terminated without starting).
    private static bool NotStartedYet(OrchestrationWorkItem item) =>
        item.HistoryCount == 0
        && item.Instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending
        && !item.Messages.Any(m => m.Event.Kind is EventKind.ExecutionStarted or EventKind.ExecutionTerminated);

    /// <summary>Keeps what reached an instance before its delayed start: the messages go back to its inbox, visible again
    /// after a wait that grows with the instance's age (1 s to 1 min), so they are delivered — in order, after the start —
    /// once the start is visible; nothing is consumed and the instance stays Pending.</summary>
    private static OrchestrationCheckpoint DeferUntilStarted(OrchestrationWorkItem item, DateTimeOffset now)
    {
        var age = now - item.Instance.CreatedTime;
        var wait = TimeSpan.FromTicks(Math.Clamp(age.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        return new OrchestrationCheckpoint
        {
            WorkItem = item,
            Update = new InstanceUpdate { RuntimeStatus = OrchestrationRuntimeStatus.Pending },
            Messages = [.. item.Messages.Select(m => new OrchestrationMessage(item.Instance.InstanceId, m.Event, m.ExecutionId, now + wait))],
        };
    }

    private Task<OrchestrationCheckpoint> ExecuteEntityAsync(OrchestrationWorkItem item, DateTimeOffset now)
    {
        var name = EntityIds.GetName(item.Instance.InstanceId);
        if (registry.TryCreateTaskEntity(name) is { } entity)
        {
            return SdkEntityExecutor.ExecuteAsync(item, entity, sdk, now);
        }

        return Task.FromResult(SdkEntityExecutor.Refuse(item, registry.UnknownEntity(name), now));
    }

    private async Task<OrchestrationCheckpoint> RunEpisodeAsync(OrchestrationWorkItem item, DateTimeOffset now)
    {
        var instance = item.Instance;
        if (NotStartedYet(item))
        {
            return DeferUntilStarted(item, now);
        }

        var runtime = cache.Take(instance.InstanceId);
        if (runtime is not null && (runtime.HistoryCount != item.HistoryCount || runtime.ExecutionId != instance.ExecutionId))
        {
            runtime = null;
        }

        IReadOnlyList<HistoryEvent>? past = null;
        if (runtime is null)
        {
            past = item.HistoryCount > 0 ? await Store.GetHistoryAsync(instance.InstanceId).ConfigureAwait(false) : null;
            // An unknown name fails on its first episode, as Microsoft's worker reports it (OrchestratorTaskNotFound).
            runtime = new SdkOrchestrationRuntime(instance.InstanceId, instance.Name, registry.TryCreateTaskOrchestrator(instance.Name), sdk);
        }

        var events = new List<HistoryEvent>(item.Messages.Count);
        foreach (var message in item.Messages)
        {
            if (message.ExecutionId is null || message.ExecutionId == instance.ExecutionId)
            {
                events.Add(message.Event);
            }
        }

        var result = runtime.RunEpisode(past, events, now);
        var replace = result.NewExecutionId is not null;
        var checkpoint = new OrchestrationCheckpoint
        {
            WorkItem = item,
            NewHistory = replace ? [] : result.NewHistory,
            ReplaceHistory = replace,
            Update = new InstanceUpdate
            {
                RuntimeStatus = result.Status,
                ExecutionId = result.NewExecutionId,
                Input = result.NewInput,
                Output = result.Output,
                CustomStatus = result.CustomStatus,
                Failure = result.Failure,
            },
            Activities = result.Activities,
            Messages = result.Messages,
            SubOrchestrations = result.SubOrchestrations,
        };

        // Cached before the checkpoint commits so the next episode (which may start the moment the lock is released)
        // finds it; if the commit fails, ProcessAsync evicts it while still holding the lock.
        if (!runtime.IsFinished && !replace)
        {
            cache.Put(runtime);
        }

        return checkpoint;
    }
}
