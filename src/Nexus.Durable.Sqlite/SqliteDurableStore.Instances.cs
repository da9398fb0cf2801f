using System.Globalization;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

public sealed partial class SqliteDurableStore
{
    private const string InsertInstanceSql =
        "INSERT INTO instances (instance_id, kind, name, execution_id, status, input, input_hash, created_at, updated_at, " +
        "parent_instance_id, parent_execution_id, parent_task_id) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11)";

    private const string InstanceStateSql = "SELECT kind, status FROM instances WHERE instance_id = $p0";

    /// <inheritdoc/>
    public async ValueTask CreateInstanceAsync(NewInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.InstanceId);
        await WriteAsync(context => CreateCore(context, instance), requiresSync: true, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReadAsync(session => SqliteInstanceRows.Get(session, instanceId), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReadAsync<IReadOnlyList<HistoryEvent>>(
            session =>
            {
                var events = new List<HistoryEvent>();
                using var reader = session.Statement(SelectHistorySql, 1).Bind(instanceId).ExecuteReader();
                while (reader.Read())
                {
                    events.Add(SqliteEventCodec.Read(reader, 0));
                }

                return events;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        await WriteAsync(
            context =>
            {
                foreach (var message in messages)
                {
                    SendCore(context, message);
                }

                return true;
            },
            requiresSync: true,
            cancellationToken);
    }

    private static readonly string SelectHistorySql =
        $"SELECT {SqliteEventCodec.SelectColumns("h")} FROM history h WHERE h.instance_id = $p0 ORDER BY h.position";

    private static bool CreateCore(SqliteWriteContext context, NewInstance instance)
    {
        var status = context.Statement("SELECT status FROM instances WHERE instance_id = $p0", 1).Bind(instance.InstanceId).ExecuteScalar();
        if (status is not null)
        {
            // The writer is serialized: nothing changes between this read and the insert below.
            var existing = (OrchestrationRuntimeStatus)Convert.ToInt32(status, CultureInfo.InvariantCulture);
            if (existing.IsActive() || !instance.ReuseFinishedId)
            {
                throw InstanceAlreadyExistsException.For(instance.InstanceId, existing);
            }

            DeleteInstanceData(context, instance.InstanceId);
        }

        var created = instance.CreatedTime == default ? context.Now : instance.CreatedTime;
        var input = context.StoreValue(instance.InstanceId, instance.Input);
        context.Statement(InsertInstanceSql, 12).Bind(
            instance.InstanceId,
            (long)InstanceKind.Orchestration,
            instance.Name,
            instance.ExecutionId,
            (long)OrchestrationRuntimeStatus.Pending,
            input.Inline,
            input.Hash,
            created.UtcTicks,
            context.NowTicks,
            instance.Parent?.InstanceId,
            instance.Parent?.ExecutionId,
            instance.Parent is null ? null : (long)instance.Parent.TaskId).ExecuteNonQuery();
        var started = new HistoryEvent
        {
            Kind = EventKind.ExecutionStarted,
            Timestamp = context.Now,
            Name = instance.Name,
            Data = instance.Input,
            ExecutionId = instance.ExecutionId,
            Parent = instance.Parent,
        };
        context.InsertInbox(instance.InstanceId, InstanceKind.Orchestration, instance.ExecutionId, (instance.StartAt ?? context.Now).UtcTicks, started);
        context.InstanceChanged(instance.InstanceId);
        return true;
    }

    // Delivers a message: dropped when the target is terminal or missing (a missing entity is created).
    private static bool SendCore(SqliteWriteContext context, OrchestrationMessage message)
    {
        InstanceKind kind;
        using (var reader = context.Statement(InstanceStateSql, 1).Bind(message.InstanceId).ExecuteReader())
        {
            if (reader.Read())
            {
                if (((OrchestrationRuntimeStatus)reader.GetInt32(1)).IsTerminal())
                {
                    return false;
                }

                kind = (InstanceKind)reader.GetInt32(0);
            }
            else if (EntityIds.IsEntity(message.InstanceId))
            {
                kind = InstanceKind.Entity;
                reader.Close();
                context.Statement(InsertInstanceSql, 12).Bind(
                    message.InstanceId, (long)InstanceKind.Entity, EntityIds.GetName(message.InstanceId), null, (long)OrchestrationRuntimeStatus.Running,
                    null, null, context.NowTicks, context.NowTicks, null, null, null).ExecuteNonQuery();
                context.InstanceChanged(message.InstanceId);
            }
            else
            {
                return false;
            }
        }

        context.InsertInbox(message.InstanceId, kind, message.ExecutionId, (message.VisibleAt ?? context.Now).UtcTicks, message.Event);
        return true;
    }
}
