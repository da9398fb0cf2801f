using Microsoft.Data.Sqlite;
using Nexus.Durable.History;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

/// <summary>SQL and row mapping for <c>instances</c>.</summary>
internal static class SqliteInstanceRows
{
    /// <summary>Instance columns (payloads resolved) then lock columns: 20 values.</summary>
    internal static readonly string SelectColumns =
        "i.instance_id, i.kind, i.name, i.execution_id, i.status, " +
        $"{SqliteEventCodec.ResolvedValue("i", "input")}, {SqliteEventCodec.ResolvedValue("i", "output")}, " +
        $"{SqliteEventCodec.ResolvedValue("i", "custom_status")}, i.failure, i.created_at, i.updated_at, i.completed_at, " +
        "i.parent_instance_id, i.parent_execution_id, i.parent_task_id, " +
        "i.lock_owner, i.lock_expiry, i.dequeue_count, i.last_error, i.history_count";

    internal static readonly string SelectById = $"SELECT {SelectColumns} FROM instances i WHERE i.instance_id = $p0";

    internal const string TerminalStatuses = "(2, 4, 5, 6)";

    internal static InstanceRecord Read(SqliteDataReader reader) => new()
    {
        InstanceId = reader.GetString(0),
        Kind = (InstanceKind)reader.GetInt32(1),
        Name = reader.GetString(2),
        ExecutionId = SqliteEventCodec.NullableString(reader, 3),
        RuntimeStatus = (OrchestrationRuntimeStatus)reader.GetInt32(4),
        Input = SqliteEventCodec.NullableString(reader, 5),
        Output = SqliteEventCodec.NullableString(reader, 6),
        CustomStatus = SqliteEventCodec.NullableString(reader, 7),
        Failure = SqliteJsonContext.ReadFailure(SqliteEventCodec.NullableString(reader, 8)),
        CreatedTime = SqliteEventCodec.Time(reader.GetInt64(9)),
        LastUpdatedTime = SqliteEventCodec.Time(reader.GetInt64(10)),
        CompletedTime = SqliteEventCodec.NullableTime(reader, 11),
        Parent = reader.IsDBNull(12)
            ? null
            : new ParentInstance(reader.GetString(12), SqliteEventCodec.NullableString(reader, 13), reader.GetInt32(14)),
    };

    /// <summary>Reads an instance by id on any session (reader or writer), or null.</summary>
    internal static InstanceRecord? Get(SqliteSession session, string instanceId)
    {
        using var reader = session.Statement(SelectById, 1).Bind(instanceId).ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }
}
