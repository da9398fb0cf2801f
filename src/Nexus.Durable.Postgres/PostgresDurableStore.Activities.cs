using Nexus.Durable.History;
using Nexus.Durable.Storage;
using Npgsql;
using P = Nexus.Durable.Postgres.PostgresParameters;

namespace Nexus.Durable.Postgres;

public sealed partial class PostgresDurableStore
{
    /// <inheritdoc/>
    public async ValueTask<WorkBatch<ActivityWorkItem>> LockActivitiesAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1);
        var now = _time.GetUtcNow();
        var lockedUntil = now + request.LeaseDuration;
        return await ReadAsync(
            _sql.LockActivities,
            [P.Long(now.UtcTicks), P.Int(request.MaxItems), P.Text(request.Owner), P.Long(lockedUntil.UtcTicks)],
            async reader =>
            {
                var items = new List<ActivityWorkItem>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(new ActivityWorkItem
                    {
                        Id = reader.GetInt64(0),
                        Request = new ActivityRequest(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), PostgresRows.Text(reader, 5)),
                        LockOwner = request.Owner,
                        LockedUntil = lockedUntil,
                        DequeueCount = reader.GetInt32(6),
                        LastError = PostgresRows.Text(reader, 7),
                    });
                }

                return new WorkBatch<ActivityWorkItem>(items);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken = default) =>
        await CompleteActivityAsync(workItem, result, null, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>One batch: the guarded delete of the activity, the delivery of the result and (with
    /// <paramref name="lockInstance"/>) the lock of the orchestration when it is free and not row-locked by another
    /// transaction at that moment (then the result simply waits in the inbox and other workers are notified).</remarks>
    public async ValueTask<OrchestrationWorkItem?> CompleteActivityAsync(
        ActivityWorkItem workItem, HistoryEvent result, LockRequest? lockInstance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        var now = _time.GetUtcNow();
        var instanceId = workItem.Request.InstanceId;
        var data = StoredValue.Of(result.Data, _threshold);
        if (data.Hash is null && !EntityIds.IsEntity(instanceId))
        {
            return await CompleteSimpleAsync(workItem, result, data, lockInstance, now, cancellationToken);
        }

        var batch = new PostgresBatch().Add(_sql.DeleteLockedActivity, P.Long(workItem.Id), P.Text(workItem.LockOwner));
        var single = AddSend(batch, [new OrchestrationMessage(instanceId, result, workItem.Request.ExecutionId)], now.UtcTicks);
        if (lockInstance is not null)
        {
            AddTryLock(batch, instanceId, lockInstance, now);
        }

        var (kinds, episode) = await RunAsync(
            batch,
            async reader =>
            {
                await PostgresBatch.NextAsync(reader, cancellationToken);
                var (kinds, _) = await ReadSendAsync(reader, single, cancellationToken);
                OrchestrationWorkItem? episode = null;
                if (lockInstance is not null)
                {
                    await PostgresBatch.NextAsync(reader, cancellationToken);
                    episode = await ReadTryLockAsync(reader, lockInstance, now, cancellationToken);
                }

                return (kinds, episode);
            },
            _ => LostActivity(workItem),
            cancellationToken);

        // The caller runs a locked episode itself; nobody else could take it.
        Committed(episode is null ? WorkBits(kinds) : 0, null);
        return episode;
    }

    /// <inheritdoc/>
    public async ValueTask AbandonActivityAsync(ActivityWorkItem workItem, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        EnsureReady();
        await using var command = _dataSource.CreateCommand(_sql.AbandonActivity);
        command.Parameters.Add(P.Long(workItem.Id));
        command.Parameters.Add(P.Text(workItem.LockOwner));
        command.Parameters.Add(P.Text(error));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new LeaseLostException(LostActivity(workItem));
        }

        Committed(Bit(WorkKind.Activity), null);
    }

    /// <inheritdoc/>
    public async ValueTask<LeaseStatus> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return await ReadAsync(
            _sql.RenewActivity,
            [P.Long(workItem.Id), P.Text(workItem.LockOwner), P.Long((_time.GetUtcNow() + leaseDuration).UtcTicks)],
            async reader =>
            {
                await reader.ReadAsync(cancellationToken);
                return !reader.GetBoolean(0) ? LeaseStatus.Lost : reader.GetBoolean(1) ? LeaseStatus.Renewed : LeaseStatus.InstanceEnded;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask ParkActivityAsync(ActivityWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(failure);
        var now = _time.GetUtcNow();
        var failed = new HistoryEvent
        {
            Kind = EventKind.TaskFailed,
            TaskId = workItem.Request.TaskId,
            Timestamp = now,
            Name = workItem.Request.Name,
            Failure = failure with { IsNonRetriable = true },
        };
        var batch = new PostgresBatch().Add(_sql.DeleteLockedActivity, P.Long(workItem.Id), P.Text(workItem.LockOwner));
        AddPoison(batch, workItem.Request.InstanceId, "activity", workItem.Request.Name, workItem.DequeueCount, failure, workItem.Request.Input, now.UtcTicks);
        var single = AddSend(batch, [new OrchestrationMessage(workItem.Request.InstanceId, failed, workItem.Request.ExecutionId)], now.UtcTicks);
        var kinds = await RunAsync(
            batch,
            async reader =>
            {
                await PostgresBatch.NextAsync(reader, cancellationToken);
                return (await ReadSendAsync(reader, single, cancellationToken)).Kinds;
            },
            _ => LostActivity(workItem),
            cancellationToken);
        Committed(WorkBits(kinds), null);
    }

    // The common completion (small result, orchestration target): one statement, plus one that reads the messages of
    // the orchestration when it locked it.
    private async Task<OrchestrationWorkItem?> CompleteSimpleAsync(
        ActivityWorkItem workItem, HistoryEvent result, StoredValue data, LockRequest? lockInstance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = workItem.Request;
        NpgsqlParameter[] core =
        [
            P.Long(workItem.Id),
            P.Text(workItem.LockOwner),
            P.Text(request.InstanceId),
            P.Text(request.ExecutionId),
            P.Long(now.UtcTicks),
            .. P.Event(result, data.Inline),
        ];
        var batch = new PostgresBatch();
        var lockedUntil = lockInstance is null ? default : now + lockInstance.LeaseDuration;
        if (lockInstance is null)
        {
            batch.Add(_sql.CompleteOne, core);
        }
        else
        {
            batch.Add(_sql.CompleteOneAndLock, [.. core, P.Int((int)lockInstance.Kind), P.Text(lockInstance.Owner), P.Long(lockedUntil.UtcTicks)]);
            batch.Add(_sql.LockedMessages, P.Text(request.InstanceId), P.Long(now.UtcTicks), P.Text(lockInstance.Owner), P.Long(lockedUntil.UtcTicks));
        }

        var (kinds, episode) = await RunAsync(
            batch,
            async reader =>
            {
                await reader.ReadAsync(cancellationToken);
                var kinds = reader.GetInt32(0);
                if (lockInstance is null || reader.IsDBNull(1))
                {
                    return (kinds, (OrchestrationWorkItem?)null);
                }

                var instance = PostgresRows.Instance(reader, 1);
                var dequeueCount = reader.GetInt32(18);
                var lastError = PostgresRows.Text(reader, 19);
                var historyCount = reader.GetInt32(20);
                await PostgresBatch.NextAsync(reader, cancellationToken);
                var messages = await PostgresRows.MessagesAsync(reader, cancellationToken);
                return (kinds, new OrchestrationWorkItem
                {
                    Instance = instance,
                    LockOwner = lockInstance.Owner,
                    LockedUntil = lockedUntil,
                    Messages = messages,
                    HistoryCount = historyCount,
                    DequeueCount = dequeueCount,
                    LastError = lastError,
                });
            },
            _ => LostActivity(workItem),
            cancellationToken);

        // The caller runs a locked episode itself; nobody else could take it.
        Committed(episode is null ? WorkBits(kinds) : 0, null);
        return episode;
    }

    private static string LostActivity(ActivityWorkItem workItem) =>
        $"'{workItem.LockOwner}' no longer holds activity {workItem.Id} ('{workItem.Request.Name}').";
}
