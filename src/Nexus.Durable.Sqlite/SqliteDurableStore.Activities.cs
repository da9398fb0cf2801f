using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

public sealed partial class SqliteDurableStore
{
    private const string LockActivitiesSql =
        "UPDATE activities SET lock_owner = $p0, lock_expiry = $p1, dequeue_count = dequeue_count + 1 " +
        "WHERE id IN (SELECT id FROM activities WHERE lock_expiry <= $p2 ORDER BY lock_expiry, id LIMIT $p3) " +
        "RETURNING id, instance_id, execution_id, task_id, name, input, input_hash, dequeue_count, last_error";

    private const string PayloadSql = "SELECT data FROM payloads WHERE instance_id = $p0 AND hash = $p1";

    /// <inheritdoc/>
    public async ValueTask<WorkBatch<ActivityWorkItem>> LockActivitiesAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1);
        return await WriteAsync(context => LockActivitiesCore(context, request), requiresSync: false, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask CompleteActivityAsync(ActivityWorkItem workItem, HistoryEvent result, CancellationToken cancellationToken = default) =>
        await CompleteActivityAsync(workItem, result, null, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<OrchestrationWorkItem?> CompleteActivityAsync(
        ActivityWorkItem workItem, HistoryEvent result, LockRequest? lockInstance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        return await WriteAsync(context => CompleteActivityCore(context, workItem, result, lockInstance), requiresSync: true, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask AbandonActivityAsync(ActivityWorkItem workItem, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await WriteAsync(
            context =>
            {
                var released = context.Statement("UPDATE activities SET lock_owner = NULL, lock_expiry = 0, last_error = $p2 WHERE id = $p0 AND lock_owner = $p1", 3)
                    .Bind(workItem.Id, workItem.LockOwner, error)
                    .ExecuteNonQuery();
                if (released == 0)
                {
                    throw new LeaseLostException($"'{workItem.LockOwner}' no longer holds activity {workItem.Id} ('{workItem.Request.Name}').");
                }

                context.Signal(WorkKind.Activity);
                return released;
            },
            requiresSync: false,
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<LeaseStatus> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return await WriteAsync(context => RenewActivityCore(context, workItem, leaseDuration), requiresSync: false, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask ParkActivityAsync(ActivityWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(failure);
        await WriteAsync(
            context =>
            {
                var (instanceId, executionId) = DeleteLockedActivity(context, workItem);
                InsertPoison(context, instanceId, "activity", workItem.Request.Name, workItem.DequeueCount, failure, workItem.Request.Input);
                var failed = new HistoryEvent
                {
                    Kind = EventKind.TaskFailed,
                    TaskId = workItem.Request.TaskId,
                    Timestamp = context.Now,
                    Name = workItem.Request.Name,
                    Failure = failure with { IsNonRetriable = true },
                };
                return SendCore(context, new OrchestrationMessage(instanceId, failed, executionId));
            },
            requiresSync: true,
            cancellationToken);
    }

    private static WorkBatch<ActivityWorkItem> LockActivitiesCore(SqliteWriteContext context, LockRequest request)
    {
        var lockedUntil = context.Now + request.LeaseDuration;
        var items = new List<ActivityWorkItem>();
        var unresolved = new List<(int Index, byte[] Hash)>();
        using (var reader = context.Statement(LockActivitiesSql, 4)
                   .Bind(request.Owner, lockedUntil.UtcTicks, context.NowTicks, (long)request.MaxItems)
                   .ExecuteReader())
        {
            while (reader.Read())
            {
                if (!reader.IsDBNull(6))
                {
                    unresolved.Add((items.Count, (byte[])reader.GetValue(6)));
                }

                items.Add(new ActivityWorkItem
                {
                    Id = reader.GetInt64(0),
                    Request = new ActivityRequest(
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetInt32(3),
                        reader.GetString(4),
                        SqliteEventCodec.NullableString(reader, 5)),
                    LockOwner = request.Owner,
                    LockedUntil = lockedUntil,
                    DequeueCount = reader.GetInt32(7),
                    LastError = SqliteEventCodec.NullableString(reader, 8),
                });
            }
        }

        foreach (var (index, hash) in unresolved)
        {
            var item = items[index];
            var input = context.Statement(PayloadSql, 2).Bind(item.Request.InstanceId, hash).ExecuteScalar() as string;
            items[index] = item with { Request = item.Request with { Input = input } };
        }

        items.Sort((a, b) => a.Id.CompareTo(b.Id));
        return new WorkBatch<ActivityWorkItem>(items);
    }

    private static OrchestrationWorkItem? CompleteActivityCore(
        SqliteWriteContext context, ActivityWorkItem workItem, HistoryEvent result, LockRequest? lockInstance)
    {
        var (instanceId, executionId) = DeleteLockedActivity(context, workItem);
        if (!SendCore(context, new OrchestrationMessage(instanceId, result, executionId)) || lockInstance is null)
        {
            return null;
        }

        var episode = TryLockInstance(context, instanceId, lockInstance);
        if (episode is not null)
        {
            context.Unsignal(lockInstance.Kind); // the caller runs it; nobody else could take it
        }

        return episode;
    }

    private static LeaseStatus RenewActivityCore(SqliteWriteContext context, ActivityWorkItem workItem, TimeSpan leaseDuration)
    {
        string instanceId, executionId;
        using (var reader = context.Statement("UPDATE activities SET lock_expiry = $p2 WHERE id = $p0 AND lock_owner = $p1 RETURNING instance_id, execution_id", 3)
                   .Bind(workItem.Id, workItem.LockOwner, (context.Now + leaseDuration).UtcTicks)
                   .ExecuteReader())
        {
            if (!reader.Read())
            {
                return LeaseStatus.Lost;
            }

            instanceId = reader.GetString(0);
            executionId = reader.GetString(1);
        }

        using var instance = context.Statement("SELECT status, execution_id FROM instances WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteReader();
        var running = instance.Read()
            && ((OrchestrationRuntimeStatus)instance.GetInt32(0)).IsActive()
            && string.Equals(SqliteEventCodec.NullableString(instance, 1), executionId, StringComparison.Ordinal);
        return running ? LeaseStatus.Renewed : LeaseStatus.InstanceEnded;
    }

    // Deletes the caller's locked activity, or throws LeaseLostException.
    private static (string InstanceId, string ExecutionId) DeleteLockedActivity(SqliteWriteContext context, ActivityWorkItem workItem)
    {
        using var reader = context.Statement("DELETE FROM activities WHERE id = $p0 AND lock_owner = $p1 RETURNING instance_id, execution_id", 2)
            .Bind(workItem.Id, workItem.LockOwner)
            .ExecuteReader();
        if (!reader.Read())
        {
            throw new LeaseLostException($"'{workItem.LockOwner}' no longer holds activity {workItem.Id} ('{workItem.Request.Name}').");
        }

        return (reader.GetString(0), reader.GetString(1));
    }
}
