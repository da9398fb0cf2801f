namespace Nexus.Durable.Sqlite;

/// <summary>Copies the WAL back into the database file on its own connection and thread.</summary>
/// <remarks>
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold, on the committing connection: the
/// writer would stall for the copy and the database-file fsync while every queued request waits. The writer turns it
/// off and asks this class for a PASSIVE checkpoint every <see cref="CommitsPerCheckpoint"/> commits instead; a PASSIVE
/// checkpoint never blocks the writer or readers (it copies what it can and leaves the rest for the next round).
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    internal const int CommitsPerCheckpoint = 100;

    private readonly SqliteStoreOptions _options;
    private readonly AutoResetEvent _requested = new(false);
    private readonly Thread _thread;
    private volatile bool _stopping;

    public SqliteCheckpointer(SqliteStoreOptions options)
    {
        _options = options;
        _thread = new Thread(Run) { IsBackground = true, Name = "Nexus SQLite checkpointer" };
        _thread.Start();
    }

    private TaskCompletionSource _nextCheckpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Checkpoints completed so far.</summary>
    public long Checkpoints { get; private set; }

    /// <summary>Completes when the next checkpoint has run (test figure).</summary>
    public Task NextCheckpoint => Volatile.Read(ref _nextCheckpoint).Task;

    public void Request() => _requested.Set();

    public void Dispose()
    {
        _stopping = true;
        _requested.Set();
        _thread.Join();
        _requested.Dispose();
    }

    private void Run()
    {
        SqliteSession? session = null;
        try
        {
            while (true)
            {
                _requested.WaitOne();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    session ??= SqliteSession.Open(_options, create: false);
                    session.Execute("PRAGMA wal_checkpoint(PASSIVE)");
                    Checkpoints++;
                    Interlocked.Exchange(ref _nextCheckpoint, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // Busy or I/O trouble: the next request tries again; the WAL only grows meanwhile.
                    session?.Dispose();
                    session = null;
                }
            }
        }
        finally
        {
            session?.Dispose();
        }
    }
}
