using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
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
    public ValueTask<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query with { PageSize = Math.Clamp(query.PageSize, 1, 1000) };
        var after = ParseContinuationToken(query.ContinuationToken);
        return ReadAsync(session => QueryCore(session, query, after), cancellationToken);
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

    /// <inheritdoc/>
    public async ValueTask<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return await WriteAsync(context => PurgeCore(context, instanceId), requiresSync: true, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await WriteAsync(
            context =>
            {
                var statuses = filter.RuntimeStatus.Count == 0
                    ? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled]
                    : filter.RuntimeStatus.Where(s => s.IsTerminal()).Distinct().ToList();
                if (statuses.Count == 0)
                {
                    return 0;
                }

                using var command = context.Session.Connection.CreateCommand();
                var sql = new StringBuilder("SELECT instance_id FROM instances WHERE status IN (")
                    .AppendJoin(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))
                    .Append(')');
                AddTimeRange(command, sql, filter.CreatedFrom, filter.CreatedTo);
                command.CommandText = sql.ToString();
                var ids = new List<string>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    DeleteInstanceData(context, id);
                }

                return ids.Count;
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
            if (((OrchestrationRuntimeStatus)Convert.ToInt32(status, CultureInfo.InvariantCulture)).IsActive())
            {
                throw new InstanceAlreadyExistsException($"Instance '{instance.InstanceId}' already exists and is active.");
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

    private static int PurgeCore(SqliteWriteContext context, string instanceId)
    {
        var status = context.Statement("SELECT status FROM instances WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteScalar();
        if (status is null || ((OrchestrationRuntimeStatus)Convert.ToInt32(status, CultureInfo.InvariantCulture)).IsActive())
        {
            return 0;
        }

        DeleteInstanceData(context, instanceId);
        return 1;
    }

    private static void DeleteInstanceData(SqliteWriteContext context, string instanceId)
    {
        context.Statement("DELETE FROM history WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.Statement("DELETE FROM inbox WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.Statement("DELETE FROM activities WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.Statement("DELETE FROM payloads WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.Statement("DELETE FROM instances WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.InstanceChanged(instanceId);
    }

    private static InstancePage QueryCore(SqliteSession session, InstanceQuery query, (long Ticks, string Id)? after)
    {
        using var command = session.Connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {SqliteInstanceRows.SelectColumns} FROM instances i WHERE 1 = 1");
        if (!query.IncludeEntities)
        {
            sql.Append(" AND i.kind = 0");
        }

        if (query.RuntimeStatus.Count > 0)
        {
            sql.Append(" AND i.status IN (")
                .AppendJoin(", ", query.RuntimeStatus.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))
                .Append(')');
        }

        AddTimeRange(command, sql, query.CreatedFrom, query.CreatedTo, "i.");
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            sql.Append(" AND substr(i.instance_id, 1, length($prefix)) = $prefix");
            command.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
        }

        if (after is { } position)
        {
            sql.Append(" AND (i.created_at > $afterTicks OR (i.created_at = $afterTicks AND i.instance_id > $afterId))");
            command.Parameters.AddWithValue("$afterTicks", position.Ticks);
            command.Parameters.AddWithValue("$afterId", position.Id);
        }

        sql.Append(" ORDER BY i.created_at, i.instance_id LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        command.CommandText = sql.ToString();
        var instances = new List<InstanceRecord>(Math.Min(query.PageSize, 128));
        var more = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (instances.Count == query.PageSize)
                {
                    more = true;
                    break;
                }

                instances.Add(SqliteInstanceRows.Read(reader));
            }
        }

        var token = more ? CreateContinuationToken(instances[^1]) : null;
        return new InstancePage(instances, token);
    }

    private static void AddTimeRange(SqliteCommand command, StringBuilder sql, DateTimeOffset? from, DateTimeOffset? to, string prefix = "")
    {
        if (from is { } start)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {prefix}created_at >= $from");
            command.Parameters.AddWithValue("$from", start.UtcTicks);
        }

        if (to is { } end)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {prefix}created_at < $to");
            command.Parameters.AddWithValue("$to", end.UtcTicks);
        }
    }

    private static string CreateContinuationToken(InstanceRecord last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            last.CreatedTime.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + last.InstanceId));

    private static (long Ticks, string Id)? ParseContinuationToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            if (separator > 0 && long.TryParse(text.AsSpan(0, separator), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
            {
                return (ticks, text[(separator + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("The continuation token is not valid.", nameof(token));
    }
}
