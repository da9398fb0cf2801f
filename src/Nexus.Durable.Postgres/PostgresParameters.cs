using Nexus.Durable.History;
using Npgsql;
using NpgsqlTypes;

namespace Nexus.Durable.Postgres;

/// <summary>Typed positional parameters: every parameter states its PostgreSQL type, so NULLs and arrays bind without
/// guessing and each statement's text (hence its prepared plan) never changes.</summary>
internal static class PostgresParameters
{
    /// <summary>The 13 parameters of one event with small (inline) data, in the order of the store's event columns after
    /// <c>visible_at</c>: kind, task id, ts, name, data, failure, ref instance, execution, fire at, parent instance, parent
    /// execution, parent task id, request id.</summary>
    public static NpgsqlParameter[] Event(HistoryEvent e, string? inlineData) =>
    [
        Int((int)e.Kind),
        Int(e.TaskId),
        Long(e.Timestamp.UtcTicks),
        Text(e.Name),
        Text(inlineData),
        Text(PostgresJsonContext.Write(e.Failure)),
        Text(e.InstanceId),
        Text(e.ExecutionId),
        Long(e.FireAt?.UtcTicks),
        Text(e.Parent?.InstanceId),
        Text(e.Parent?.ExecutionId),
        Int(e.Parent?.TaskId),
        Text(e.RequestId),
    ];

    public static NpgsqlParameter Text(string? value) => new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    public static NpgsqlParameter Long(long value) => new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value };

    public static NpgsqlParameter Long(long? value) =>
        value is { } v ? Long(v) : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = DBNull.Value };

    public static NpgsqlParameter Int(int value) => new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = value };

    public static NpgsqlParameter Int(int? value) =>
        value is { } v ? Int(v) : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = DBNull.Value };

    public static NpgsqlParameter Bool(bool value) => new NpgsqlParameter<bool> { NpgsqlDbType = NpgsqlDbType.Boolean, TypedValue = value };

    public static NpgsqlParameter Bytes(byte[]? value) => new NpgsqlParameter<byte[]?> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = value };

    public static NpgsqlParameter Texts(string?[] values) =>
        new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = values };

    public static NpgsqlParameter Longs(long[] values) =>
        new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = values };

    public static NpgsqlParameter Longs(long?[] values) =>
        new NpgsqlParameter<long?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = values };

    public static NpgsqlParameter Ints(int[] values) =>
        new NpgsqlParameter<int[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = values };

    public static NpgsqlParameter Ints(int?[] values) =>
        new NpgsqlParameter<int?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, TypedValue = values };

    public static NpgsqlParameter Bools(bool[] values) =>
        new NpgsqlParameter<bool[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, TypedValue = values };

    public static NpgsqlParameter ByteArrays(byte[]?[] values) =>
        new NpgsqlParameter<byte[]?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, TypedValue = values };
}
