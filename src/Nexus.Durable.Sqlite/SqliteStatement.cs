using Microsoft.Data.Sqlite;

namespace Nexus.Durable.Sqlite;

/// <summary>A prepared command whose parameters (<c>$p0</c>, <c>$p1</c>, …) are bound by position.</summary>
/// <remarks>Kept for the life of its connection, so SQLite parses the text once. Every run of a statement that is not a
/// plain SELECT counts as a write attempt on its session (see <see cref="SqliteSession.WriteAttempts"/>).</remarks>
internal sealed class SqliteStatement : IDisposable
{
    private readonly SqliteSession _session;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;
    private readonly bool _mayWrite;

    public SqliteStatement(SqliteSession session, string sql, int parameterCount, int timeoutSeconds)
    {
        _session = session;
        _mayWrite = !sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
        _command = session.Connection.CreateCommand();
        _command.CommandText = sql;
        _command.CommandTimeout = timeoutSeconds;
        _parameters = new SqliteParameter[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value));
        }

        _command.Prepare();
    }

    /// <summary>Binds all parameters, in order.</summary>
    public SqliteStatement Bind(params ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return this;
    }

    /// <summary>Binds one parameter.</summary>
    public SqliteStatement Set(int index, object? value)
    {
        _parameters[index].Value = value ?? DBNull.Value;
        return this;
    }

    public int ExecuteNonQuery()
    {
        NoteRun();
        return _command.ExecuteNonQuery();
    }

    public object? ExecuteScalar()
    {
        NoteRun();
        var value = _command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public SqliteDataReader ExecuteReader()
    {
        NoteRun();
        return _command.ExecuteReader();
    }

    private void NoteRun()
    {
        if (_mayWrite)
        {
            _session.NoteWrite();
        }
    }

    public void Dispose() => _command.Dispose();
}
