using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Nexus.Workflows.Live;

namespace Nexus.Hosting.Live;

/// <summary>Live activity between the processes of one data directory (the embedded SQLite store): a small SQLite file
/// beside the store, <c>{data}/live.db</c>, that each process appends its activities to and reads the others' from.</summary>
/// <remarks>
/// <para>Not history: the file is written without syncing, rows older than <see cref="Retention"/> are deleted, and a
/// process that was not running does not get what it missed. A reader polls every <see cref="ListeningInterval"/> while
/// someone in its process listens (a stream, a live view) and every <see cref="IdleInterval"/> otherwise, which keeps
/// the feed's recent activities of each project for a view that opens mid-turn.</para>
/// <para>One writer loop and one reader loop per process; what cannot be written (the file is locked by another process
/// for longer than the busy timeout) is dropped, never waited for by an agent.</para>
/// </remarks>
internal sealed class SqliteLiveActivityRelay : ILiveActivityRelay
{
    public static readonly TimeSpan ListeningInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan IdleInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly Channel<LiveActivity> _outbox = Channel.CreateBounded<LiveActivity>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _loops = Task.CompletedTask;

    public SqliteLiveActivityRelay(string path, TimeProvider time)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 5 }.ToString();
        _time = time;
    }

    public void Send(LiveActivity activity) => _outbox.Writer.TryWrite(activity);

    public async Task StartAsync(LiveActivityFeed feed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var writer = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var reader = await OpenAsync(cancellationToken).ConfigureAwait(false);
        long last;
        await using (var max = reader.CreateCommand())
        {
            max.CommandText = "SELECT coalesce(max(seq), 0) FROM live";
            last = (long)(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        _loops = Task.WhenAll(
            Task.Run(() => WriteLoopAsync(writer, _stop.Token), CancellationToken.None),
            Task.Run(() => ReadLoopAsync(reader, feed, last, _stop.Token), CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loops.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var setup = connection.CreateCommand();
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = OFF;
                CREATE TABLE IF NOT EXISTS live (seq INTEGER PRIMARY KEY AUTOINCREMENT, origin TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL);
                """;
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WriteLoopAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var owned = connection;
        var lastCleanup = _time.GetUtcNow();
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    var now = _time.GetUtcNow();
                    while (_outbox.Reader.TryRead(out var activity))
                    {
                        if (LiveActivityWire.Write(_origin, activity) is not { } body)
                        {
                            continue;
                        }

                        await using var insert = connection.CreateCommand();
                        insert.CommandText = "INSERT INTO live (origin, body, at) VALUES ($origin, $body, $at)";
                        insert.Parameters.AddWithValue("$origin", _origin);
                        insert.Parameters.AddWithValue("$body", body);
                        insert.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
                        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (now - lastCleanup > Retention)
                    {
                        await using var cleanup = connection.CreateCommand();
                        cleanup.CommandText = "DELETE FROM live WHERE at < $cutoff";
                        cleanup.Parameters.AddWithValue("$cutoff", (now - Retention).ToUnixTimeMilliseconds());
                        await cleanup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        lastCleanup = now;
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException)
                {
                    // Locked too long, or the file went away: these activities are dropped (live activity is not history).
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReadLoopAsync(SqliteConnection connection, LiveActivityFeed feed, long last, CancellationToken cancellationToken)
    {
        await using var owned = connection;
        try
        {
            while (true)
            {
                // Wall clock: the options' clock may be a test's manual one, and polling is not the workflow's time.
                await Task.Delay(feed.HasSubscribers ? ListeningInterval : IdleInterval, cancellationToken).ConfigureAwait(false);
                try
                {
                    await using var read = connection.CreateCommand();
                    read.CommandText = "SELECT seq, origin, body FROM live WHERE seq > $last ORDER BY seq LIMIT 500";
                    read.Parameters.AddWithValue("$last", last);
                    await using var rows = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        last = rows.GetInt64(0);
                        if (rows.GetString(1) != _origin && LiveActivityWire.TryRead(rows.GetString(2), out _, out var activity))
                        {
                            feed.Receive(activity);
                        }
                    }
                }
                catch (SqliteException)
                {
                    // Locked for longer than the busy timeout: the next poll reads on from the same place.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
