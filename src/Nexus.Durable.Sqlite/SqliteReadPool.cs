using System.Collections.Concurrent;

namespace Nexus.Durable.Sqlite;

/// <summary>Read connections (WAL readers): reads never queue behind the writer.</summary>
internal sealed class SqliteReadPool : IDisposable
{
    private readonly ConcurrentBag<SqliteSession> _idle = [];
    private readonly SemaphoreSlim _slots;
    private readonly SqliteStoreOptions _options;
    private readonly ConcurrentBag<SqliteSession> _all = [];
    private volatile bool _disposed;

    public SqliteReadPool(SqliteStoreOptions options)
    {
        _options = options;
        _slots = new SemaphoreSlim(options.ReadConnections, options.ReadConnections);
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection inside a read transaction (one snapshot).</summary>
    public async ValueTask<T> ReadAsync<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        SqliteSession? session = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_idle.TryTake(out session))
            {
                session = SqliteSession.Open(_options, create: false);
                _all.Add(session);
            }

            session.Statement("BEGIN", 0).ExecuteNonQuery();
            try
            {
                return read(session);
            }
            finally
            {
                session.Statement("COMMIT", 0).ExecuteNonQuery();
            }
        }
        finally
        {
            if (session is not null)
            {
                _idle.Add(session);
            }

            _slots.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        for (var i = 0; i < _options.ReadConnections; i++)
        {
            _slots.Wait();
        }

        foreach (var session in _all)
        {
            session.Dispose();
        }

        _slots.Dispose();
    }
}
