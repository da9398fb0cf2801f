using Microsoft.Data.Sqlite;
using Nexus.Durable.History;

namespace Nexus.Durable.Sqlite;

/// <summary>Maps a <see cref="HistoryEvent"/> to the event columns shared by <c>history</c> and <c>inbox</c>, and back.</summary>
internal static class SqliteEventCodec
{
    /// <summary>The column names, in binding order (14 values).</summary>
    internal const string InsertColumns =
        "kind, task_id, ts, name, data, data_hash, failure, ref_instance_id, execution_id, fire_at, " +
        "parent_instance_id, parent_execution_id, parent_task_id, request_id";

    internal const int InsertColumnCount = 14;

    /// <summary>The columns to select from a row aliased <paramref name="alias"/> (13 values; data resolved).</summary>
    internal static string SelectColumns(string alias) =>
        $"{alias}.kind, {alias}.task_id, {alias}.ts, {alias}.name, {ResolvedValue(alias, "data")}, {alias}.failure, " +
        $"{alias}.ref_instance_id, {alias}.execution_id, {alias}.fire_at, {alias}.parent_instance_id, " +
        $"{alias}.parent_execution_id, {alias}.parent_task_id, {alias}.request_id";

    internal const int SelectColumnCount = 13;

    /// <summary>SQL for a value column that may be a payload reference (<c>column_hash</c>).</summary>
    internal static string ResolvedValue(string alias, string column) =>
        $"CASE WHEN {alias}.{column}_hash IS NULL THEN {alias}.{column} ELSE " +
        $"(SELECT p.data FROM payloads p WHERE p.instance_id = {alias}.instance_id AND p.hash = {alias}.{column}_hash) END";

    internal static void Bind(SqliteStatement statement, int offset, HistoryEvent e, StoredValue data)
    {
        statement
            .Set(offset, (long)e.Kind)
            .Set(offset + 1, (long)e.TaskId)
            .Set(offset + 2, e.Timestamp.UtcTicks)
            .Set(offset + 3, e.Name)
            .Set(offset + 4, data.Inline)
            .Set(offset + 5, data.Hash)
            .Set(offset + 6, SqliteJsonContext.Write(e.Failure))
            .Set(offset + 7, e.InstanceId)
            .Set(offset + 8, e.ExecutionId)
            .Set(offset + 9, e.FireAt?.UtcTicks)
            .Set(offset + 10, e.Parent?.InstanceId)
            .Set(offset + 11, e.Parent?.ExecutionId)
            .Set(offset + 12, e.Parent is null ? null : (long)e.Parent.TaskId)
            .Set(offset + 13, e.RequestId);
    }

    internal static HistoryEvent Read(SqliteDataReader reader, int offset) => new()
    {
        Kind = (EventKind)reader.GetInt32(offset),
        TaskId = reader.GetInt32(offset + 1),
        Timestamp = Time(reader.GetInt64(offset + 2)),
        Name = NullableString(reader, offset + 3),
        Data = NullableString(reader, offset + 4),
        Failure = SqliteJsonContext.ReadFailure(NullableString(reader, offset + 5)),
        InstanceId = NullableString(reader, offset + 6),
        ExecutionId = NullableString(reader, offset + 7),
        FireAt = reader.IsDBNull(offset + 8) ? null : Time(reader.GetInt64(offset + 8)),
        Parent = reader.IsDBNull(offset + 9)
            ? null
            : new ParentInstance(reader.GetString(offset + 9), NullableString(reader, offset + 10), reader.GetInt32(offset + 11)),
        RequestId = NullableString(reader, offset + 12),
    };

    internal static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    internal static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));
}
