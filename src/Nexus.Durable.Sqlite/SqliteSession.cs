using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Nexus.Durable.Sqlite;

/// <summary>One open connection with its prepared statements (the writer's, or one pooled reader's).</summary>
internal sealed class SqliteSession : IDisposable
{
    // Callers pass constant SQL, so the same string instance comes back every time: a reference lookup skips hashing
    // and comparing the whole text. Bounded, in case a caller ever builds SQL per call (the ordinal map still finds it).
    private const int MaxReferenceEntries = 512;
    private readonly Dictionary<string, SqliteStatement> _byReference = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);
    private readonly int _timeoutSeconds;

    private SqliteSession(SqliteConnection connection, int timeoutSeconds)
    {
        Connection = connection;
        _timeoutSeconds = timeoutSeconds;
    }

    public SqliteConnection Connection { get; }

    /// <summary>How many statements that may write have been started on this session (counted before they run, so a
    /// statement that failed counts too). The writer uses it to tell a request that failed before writing anything.</summary>
    public long WriteAttempts { get; private set; }

    /// <summary>Counts a write attempt made outside <see cref="Statement"/> (raw commands).</summary>
    public void NoteWrite() => WriteAttempts++;

    /// <summary>Opens a connection (read-write, private cache, no pooling) with the store's pragmas.</summary>
    public static SqliteSession Open(SqliteStoreOptions options, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var timeoutSeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
            var session = new SqliteSession(connection, timeoutSeconds);
            var busyMs = ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            session.Execute($"PRAGMA busy_timeout={busyMs}");
            session.Execute("PRAGMA foreign_keys=OFF");
            return session;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The cached prepared statement for <paramref name="sql"/>.</summary>
    public SqliteStatement Statement(string sql, int parameterCount)
    {
        if (_byReference.TryGetValue(sql, out var statement))
        {
            return statement;
        }

        if (!_statements.TryGetValue(sql, out statement))
        {
            statement = new SqliteStatement(this, sql, parameterCount, _timeoutSeconds);
            _statements.Add(sql, statement);
        }

        if (_byReference.Count < MaxReferenceEntries)
        {
            _byReference[sql] = statement;
        }

        return statement;
    }

    /// <summary>Runs one-off SQL (not cached).</summary>
    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _timeoutSeconds;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs one-off SQL and returns the first column of the first row.</summary>
    public object? Scalar(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _timeoutSeconds;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        _byReference.Clear();
        Connection.Dispose();
    }
}
