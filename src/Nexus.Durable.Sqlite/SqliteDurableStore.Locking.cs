using System.Text.Json;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

public sealed partial class SqliteDurableStore
{
    // Walks visible messages in delivery order on ix_inbox_visible and stops as soon as enough instances are found:
    // no grouping or sorting of the whole inbox, and future timers are never touched.
    private const string ReadyInstancesSql =
        "SELECT m.instance_id FROM inbox m INDEXED BY ix_inbox_visible JOIN instances i ON i.instance_id = m.instance_id " +
        "WHERE m.instance_kind = $p0 AND m.visible_at <= $p1 AND i.lock_expiry <= $p1 AND i.status NOT IN " + SqliteInstanceRows.TerminalStatuses + " " +
        "ORDER BY m.visible_at, m.seq";

    private const string LockInstanceSql =
        "UPDATE instances SET lock_owner = $p1, lock_expiry = $p2, dequeue_count = dequeue_count + 1 WHERE instance_id = $p0";

    // Eager episode dispatch: locks the instance only when it is of the requested kind, active and free (or expired).
    private const string LockFreeInstanceSql =
        "UPDATE instances SET lock_owner = $p1, lock_expiry = $p2, dequeue_count = dequeue_count + 1 " +
        "WHERE instance_id = $p0 AND kind = $p3 AND lock_expiry <= $p4 AND status NOT IN " + SqliteInstanceRows.TerminalStatuses;

    private const string NextVisibleSql =
        "SELECT MIN(m.visible_at) FROM inbox m JOIN instances i ON i.instance_id = m.instance_id " +
        "WHERE m.instance_kind = $p0 AND m.visible_at > $p1 AND i.status NOT IN " + SqliteInstanceRows.TerminalStatuses;

    private static readonly string VisibleMessagesSql =
        $"SELECT m.seq, m.target_execution_id, {SqliteEventCodec.SelectColumns("m")} FROM inbox m " +
        "WHERE m.instance_id = $p0 AND m.visible_at <= $p1 ORDER BY m.seq";

    private static readonly string AllMessagesSql =
        $"SELECT m.seq, m.target_execution_id, {SqliteEventCodec.SelectColumns("m")} FROM inbox m " +
        "WHERE m.instance_id = $p0 ORDER BY m.seq";

    /// <inheritdoc/>
    public async ValueTask<WorkBatch<OrchestrationWorkItem>> LockInstancesAsync(LockRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1);
        return await WriteAsync(context => LockInstancesCore(context, request), requiresSync: false, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask AbandonInstanceAsync(OrchestrationWorkItem workItem, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await WriteAsync(
            context =>
            {
                var released = context.Statement(
                        "UPDATE instances SET lock_owner = NULL, lock_expiry = 0, last_error = $p2 WHERE instance_id = $p0 AND lock_owner = $p1", 3)
                    .Bind(workItem.Instance.InstanceId, workItem.LockOwner, error)
                    .ExecuteNonQuery();
                if (released == 0)
                {
                    throw new LeaseLostException($"'{workItem.LockOwner}' no longer holds the lock of instance '{workItem.Instance.InstanceId}'.");
                }

                context.Signal(workItem.Instance.Kind);
                return released;
            },
            requiresSync: false,
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<LeaseStatus> RenewInstanceLeaseAsync(OrchestrationWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        return await WriteAsync(
            context => context.Statement("UPDATE instances SET lock_expiry = $p2 WHERE instance_id = $p0 AND lock_owner = $p1", 3)
                .Bind(workItem.Instance.InstanceId, workItem.LockOwner, (context.Now + leaseDuration).UtcTicks)
                .ExecuteNonQuery() > 0 ? LeaseStatus.Renewed : LeaseStatus.Lost,
            requiresSync: false,
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask ParkInstanceAsync(OrchestrationWorkItem workItem, FailureDetails failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(failure);
        await WriteAsync(context => ParkInstanceCore(context, workItem, failure), requiresSync: true, cancellationToken);
    }

    private static WorkBatch<OrchestrationWorkItem> LockInstancesCore(SqliteWriteContext context, LockRequest request)
    {
        var ids = new List<string>();
        using (var reader = context.Statement(ReadyInstancesSql, 2).Bind((long)request.Kind, context.NowTicks).ExecuteReader())
        {
            while (ids.Count < request.MaxItems && reader.Read())
            {
                var id = reader.GetString(0);
                if (!ids.Contains(id, StringComparer.Ordinal))
                {
                    ids.Add(id);
                }
            }
        }

        if (ids.Count == 0)
        {
            var next = context.Statement(NextVisibleSql, 2).Bind((long)request.Kind, context.NowTicks).ExecuteScalar();
            return new WorkBatch<OrchestrationWorkItem>([], next is long ticks ? SqliteEventCodec.Time(ticks) : null);
        }

        var lockedUntil = context.Now + request.LeaseDuration;
        var items = new List<OrchestrationWorkItem>(ids.Count);
        foreach (var id in ids)
        {
            context.Statement(LockInstanceSql, 3).Bind(id, request.Owner, lockedUntil.UtcTicks).ExecuteNonQuery();
            items.Add(ReadLockedItem(context, id, request.Owner, lockedUntil));
        }

        return new WorkBatch<OrchestrationWorkItem>(items);
    }

    // Locks the instance for request's owner if it is free, and returns its work item; null when it is not.
    private static OrchestrationWorkItem? TryLockInstance(SqliteWriteContext context, string id, LockRequest request)
    {
        var lockedUntil = context.Now + request.LeaseDuration;
        var locked = context.Statement(LockFreeInstanceSql, 5)
            .Bind(id, request.Owner, lockedUntil.UtcTicks, (long)request.Kind, context.NowTicks)
            .ExecuteNonQuery();
        return locked == 0 ? null : ReadLockedItem(context, id, request.Owner, lockedUntil);
    }

    private static OrchestrationWorkItem ReadLockedItem(SqliteWriteContext context, string id, string owner, DateTimeOffset lockedUntil)
    {
        InstanceRecord instance;
        int dequeueCount, historyCount;
        string? lastError;
        using (var reader = context.Statement(SqliteInstanceRows.SelectById, 1).Bind(id).ExecuteReader())
        {
            reader.Read();
            instance = SqliteInstanceRows.Read(reader);
            dequeueCount = reader.GetInt32(17);
            lastError = SqliteEventCodec.NullableString(reader, 18);
            historyCount = reader.GetInt32(19);
        }

        return new OrchestrationWorkItem
        {
            Instance = instance,
            LockOwner = owner,
            LockedUntil = lockedUntil,
            Messages = ReadMessages(context.Statement(VisibleMessagesSql, 2).Bind(id, context.NowTicks)),
            HistoryCount = historyCount,
            DequeueCount = dequeueCount,
            LastError = lastError,
        };
    }

    private static List<InboxMessage> ReadMessages(SqliteStatement statement)
    {
        var messages = new List<InboxMessage>();
        using var reader = statement.ExecuteReader();
        while (reader.Read())
        {
            messages.Add(new InboxMessage(reader.GetInt64(0), SqliteEventCodec.Read(reader, 2), SqliteEventCodec.NullableString(reader, 1)));
        }

        return messages;
    }

    private static bool ParkInstanceCore(SqliteWriteContext context, OrchestrationWorkItem workItem, FailureDetails failure)
    {
        var id = workItem.Instance.InstanceId;
        var (kind, _) = RequireInstanceLock(context, workItem);
        var isEntity = kind == InstanceKind.Entity;

        // An orchestration fails and loses its whole inbox; an entity keeps its state and loses only the parked batch.
        var parked = isEntity ? [.. workItem.Messages] : ReadMessages(context.Statement(AllMessagesSql, 1).Bind(id));
        foreach (var message in parked)
        {
            context.Statement("DELETE FROM inbox WHERE seq = $p0 AND instance_id = $p1", 2).Bind(message.Sequence, id).ExecuteNonQuery();
        }

        InsertPoison(
            context,
            id,
            isEntity ? "entity" : "orchestration",
            workItem.Instance.Name,
            workItem.DequeueCount,
            failure,
            JsonSerializer.Serialize(parked, SqliteJsonContext.Default.ListInboxMessage));
        if (isEntity)
        {
            context.Statement("UPDATE instances SET lock_owner = NULL, lock_expiry = 0, dequeue_count = 0, last_error = NULL WHERE instance_id = $p0", 1)
                .Bind(id)
                .ExecuteNonQuery();
            foreach (var call in parked)
            {
                if (call.Event is { Kind: EventKind.EntityOperationCalled, InstanceId: { } caller })
                {
                    var response = new HistoryEvent
                    {
                        Kind = EventKind.EntityOperationFailed,
                        TaskId = call.Event.TaskId,
                        Timestamp = context.Now,
                        Name = call.Event.Name,
                        InstanceId = id,
                        RequestId = call.Event.RequestId,
                        Failure = failure,
                    };
                    SendCore(context, new OrchestrationMessage(caller, response, call.ExecutionId));
                }
            }
        }
        else
        {
            context.Statement(
                    "UPDATE instances SET status = $p1, failure = $p2, updated_at = $p3, completed_at = $p3, lock_owner = NULL, " +
                    "lock_expiry = 0, dequeue_count = 0, last_error = NULL WHERE instance_id = $p0", 4)
                .Bind(id, (long)OrchestrationRuntimeStatus.Failed, SqliteJsonContext.Write(failure), context.NowTicks)
                .ExecuteNonQuery();
            if (SqliteInstanceRows.Get(context.Session, id)?.Parent is { } parent)
            {
                var failed = new HistoryEvent
                {
                    Kind = EventKind.SubOrchestrationInstanceFailed,
                    TaskId = parent.TaskId,
                    Timestamp = context.Now,
                    InstanceId = id,
                    Failure = failure,
                };
                SendCore(context, new OrchestrationMessage(parent.InstanceId, failed, parent.ExecutionId));
            }
        }

        context.InstanceChanged(id);
        return true;
    }

    // Throws LeaseLostException unless the work item's owner still holds the instance's lock.
    private static (InstanceKind Kind, int HistoryCount) RequireInstanceLock(SqliteWriteContext context, OrchestrationWorkItem workItem)
    {
        using var reader = context.Statement("SELECT kind, lock_owner, history_count FROM instances WHERE instance_id = $p0", 1)
            .Bind(workItem.Instance.InstanceId)
            .ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(1) || !string.Equals(reader.GetString(1), workItem.LockOwner, StringComparison.Ordinal))
        {
            throw new LeaseLostException($"'{workItem.LockOwner}' no longer holds the lock of instance '{workItem.Instance.InstanceId}'.");
        }

        return ((InstanceKind)reader.GetInt32(0), reader.GetInt32(2));
    }

    private static void InsertPoison(SqliteWriteContext context, string instanceId, string workType, string name, int dequeueCount, FailureDetails failure, string? content) =>
        context.Statement(
                "INSERT INTO poison (instance_id, work_type, name, dequeue_count, reason, failure, content, parked_at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7)", 8)
            .Bind(instanceId, workType, name, (long)dequeueCount, failure.Message, SqliteJsonContext.Write(failure), content, context.NowTicks)
            .ExecuteNonQuery();
}
