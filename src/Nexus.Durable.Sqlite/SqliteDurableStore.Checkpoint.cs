using Microsoft.Data.Sqlite;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

public sealed partial class SqliteDurableStore
{
    private const string UpdateInstanceSql =
        "UPDATE instances SET status = $p1, execution_id = COALESCE($p2, execution_id), " +
        "input = CASE WHEN $p3 THEN $p4 ELSE input END, input_hash = CASE WHEN $p3 THEN $p5 ELSE input_hash END, " +
        "output = CASE WHEN $p6 THEN $p7 ELSE output END, output_hash = CASE WHEN $p6 THEN $p8 ELSE output_hash END, " +
        "custom_status = CASE WHEN $p9 THEN $p10 ELSE custom_status END, " +
        "custom_status_hash = CASE WHEN $p9 THEN $p11 ELSE custom_status_hash END, " +
        "failure = CASE WHEN $p12 IS NOT NULL THEN $p12 WHEN $p1 = 4 THEN failure ELSE NULL END, updated_at = $p13, completed_at = CASE WHEN $p14 THEN COALESCE(completed_at, $p13) ELSE NULL END, " +
        "lock_owner = NULL, lock_expiry = 0, dequeue_count = 0, last_error = NULL, history_count = $p15 " +
        "WHERE instance_id = $p0 AND lock_owner = $p16 AND ($p17 OR history_count = $p18) RETURNING kind";

    private const string InsertActivitySql =
        "INSERT INTO activities (instance_id, execution_id, task_id, name, input, input_hash, created_at) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)";

    private const string InsertLockedActivitySql =
        "INSERT INTO activities (instance_id, execution_id, task_id, name, input, input_hash, created_at, lock_owner, lock_expiry, dequeue_count) " +
        "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, 1) RETURNING id";

    private const string CollectPayloadsSql =
        "DELETE FROM payloads WHERE instance_id = $p0 AND hash NOT IN (" +
        "SELECT data_hash FROM history WHERE instance_id = $p0 AND data_hash IS NOT NULL " +
        "UNION ALL SELECT data_hash FROM inbox WHERE instance_id = $p0 AND data_hash IS NOT NULL " +
        "UNION ALL SELECT input_hash FROM activities WHERE instance_id = $p0 AND input_hash IS NOT NULL " +
        "UNION ALL SELECT input_hash FROM instances WHERE instance_id = $p0 AND input_hash IS NOT NULL " +
        "UNION ALL SELECT output_hash FROM instances WHERE instance_id = $p0 AND output_hash IS NOT NULL " +
        "UNION ALL SELECT custom_status_hash FROM instances WHERE instance_id = $p0 AND custom_status_hash IS NOT NULL)";

    /// <inheritdoc/>
    public async ValueTask<CheckpointResult> CheckpointAsync(OrchestrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(checkpoint.WorkItem);
        ArgumentNullException.ThrowIfNull(checkpoint.Update);
        return await WriteAsync(context => CheckpointCore(context, checkpoint), requiresSync: true, cancellationToken);
    }

    private static CheckpointResult CheckpointCore(SqliteWriteContext context, OrchestrationCheckpoint checkpoint)
    {
        var workItem = checkpoint.WorkItem;
        var id = workItem.Instance.InstanceId;
        // The instance update doubles as the ownership check (lock owner and history length), so it runs first.
        var kind = UpdateInstance(context, checkpoint);
        AppendHistory(context, checkpoint);
        foreach (var message in workItem.Messages)
        {
            context.Statement("DELETE FROM inbox WHERE seq = $p0 AND instance_id = $p1", 2).Bind(message.Sequence, id).ExecuteNonQuery();
        }

        if (checkpoint.Update.RuntimeStatus.IsTerminal())
        {
            // Nothing will process them: a finished instance takes no more messages.
            context.Statement("DELETE FROM inbox WHERE instance_id = $p0", 1).Bind(id).ExecuteNonQuery();
        }

        var locked = InsertActivities(context, checkpoint);

        foreach (var message in checkpoint.Messages)
        {
            SendCore(context, message);
        }

        foreach (var child in checkpoint.SubOrchestrations)
        {
            CreateSubOrchestration(context, workItem, child);
        }

        if (checkpoint.ReplaceHistory)
        {
            context.Statement(CollectPayloadsSql, 1).Bind(id).ExecuteNonQuery();
        }

        // Messages that arrived while the instance was locked were signalled when nobody could take them.
        if (context.Statement("SELECT EXISTS (SELECT 1 FROM inbox WHERE instance_id = $p0 AND visible_at <= $p1)", 2)
                .Bind(id, context.NowTicks).ExecuteScalar() is 1L)
        {
            context.Signal(kind);
        }

        context.InstanceChanged(id);
        return locked is null ? CheckpointResult.Empty : new CheckpointResult { LockedActivities = locked };
    }

    // Queues the checkpoint's activities; the first ones go in already locked when the caller asked (eager dispatch).
    private static List<ActivityWorkItem>? InsertActivities(SqliteWriteContext context, OrchestrationCheckpoint checkpoint)
    {
        var eager = checkpoint.LockActivities;
        List<ActivityWorkItem>? locked = null;
        var lockedUntil = eager is null ? default : context.Now + eager.LeaseDuration;
        foreach (var activity in checkpoint.Activities)
        {
            var input = context.StoreValue(activity.InstanceId, activity.Input);
            if (eager is not null && (locked?.Count ?? 0) < eager.MaxItems)
            {
                var id = (long)context.Statement(InsertLockedActivitySql, 9)
                    .Bind(activity.InstanceId, activity.ExecutionId, (long)activity.TaskId, activity.Name, input.Inline, input.Hash, context.NowTicks, eager.Owner, lockedUntil.UtcTicks)
                    .ExecuteScalar()!;
                (locked ??= []).Add(new ActivityWorkItem { Id = id, Request = activity, LockOwner = eager.Owner, LockedUntil = lockedUntil, DequeueCount = 1 });
                continue;
            }

            context.Statement(InsertActivitySql, 7)
                .Bind(activity.InstanceId, activity.ExecutionId, (long)activity.TaskId, activity.Name, input.Inline, input.Hash, context.NowTicks)
                .ExecuteNonQuery();
            context.Signal(WorkKind.Activity);
        }

        return locked;
    }

    private static void AppendHistory(SqliteWriteContext context, OrchestrationCheckpoint checkpoint)
    {
        var workItem = checkpoint.WorkItem;
        var id = workItem.Instance.InstanceId;
        int position;
        if (checkpoint.ReplaceHistory)
        {
            context.Statement("DELETE FROM history WHERE instance_id = $p0", 1).Bind(id).ExecuteNonQuery();
            position = 0;
        }
        else
        {
            position = workItem.HistoryCount;
        }

        try
        {
            foreach (var e in checkpoint.NewHistory)
            {
                context.InsertHistory(id, position++, e);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new LeaseLostException(
                $"History position {position - 1} of instance '{id}' already exists: another writer checkpointed it.", ex);
        }
    }

    private static InstanceKind UpdateInstance(SqliteWriteContext context, OrchestrationCheckpoint checkpoint)
    {
        var workItem = checkpoint.WorkItem;
        var id = workItem.Instance.InstanceId;
        var update = checkpoint.Update;
        var historyCount = (checkpoint.ReplaceHistory ? 0 : workItem.HistoryCount) + checkpoint.NewHistory.Count;
        var setInput = update.Input is not null;
        var input = setInput ? context.StoreValue(id, update.Input) : StoredValue.None;
        var setOutput = update.ClearOutput || update.Output is not null;
        var output = update.Output is not null ? context.StoreValue(id, update.Output) : StoredValue.None;
        var setCustom = update.CustomStatus is not null;
        var custom = setCustom ? context.StoreValue(id, update.CustomStatus) : StoredValue.None;
        using var reader = context.Statement(UpdateInstanceSql, 19).Bind(
            id,
            (long)update.RuntimeStatus,
            update.ExecutionId,
            setInput,
            input.Inline,
            input.Hash,
            setOutput,
            output.Inline,
            output.Hash,
            setCustom,
            custom.Inline,
            custom.Hash,
            SqliteJsonContext.Write(update.Failure),
            context.NowTicks,
            update.RuntimeStatus.IsTerminal(),
            (long)historyCount,
            workItem.LockOwner,
            checkpoint.ReplaceHistory,
            (long)workItem.HistoryCount).ExecuteReader();
        if (reader.Read())
        {
            return (InstanceKind)reader.GetInt32(0);
        }

        reader.Close();
        var (_, storedCount) = RequireInstanceLock(context, workItem);
        throw new LeaseLostException(
            $"Instance '{id}' has {storedCount} history events but the work item expected {workItem.HistoryCount}: another writer checkpointed it.");
    }

    // A child whose id is active is not replaced: the parent learns it through SubOrchestrationInstanceFailed.
    private static void CreateSubOrchestration(SqliteWriteContext context, OrchestrationWorkItem parent, NewInstance child)
    {
        try
        {
            CreateCore(context, child);
        }
        catch (InstanceAlreadyExistsException ex)
        {
            var failed = new HistoryEvent
            {
                Kind = EventKind.SubOrchestrationInstanceFailed,
                TaskId = child.Parent?.TaskId ?? -1,
                Timestamp = context.Now,
                Name = child.Name,
                InstanceId = child.InstanceId,
                Failure = new FailureDetails(typeof(InstanceAlreadyExistsException).FullName!, ex.Message, IsNonRetriable: true),
            };
            var parentId = child.Parent?.InstanceId ?? parent.Instance.InstanceId;
            SendCore(context, new OrchestrationMessage(parentId, failed, child.Parent?.ExecutionId ?? parent.Instance.ExecutionId));
        }
    }
}
