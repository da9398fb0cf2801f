using System.Threading.Channels;
using Npgsql;

namespace Nexus.Durable.Postgres;

/// <summary>Sends the NOTIFYs of committed operations from a background loop, right after the commits, coalesced: what
/// accumulates while one NOTIFY transaction runs goes out in the next.</summary>
/// <remarks>Notifying inside the writing transaction would serialize every commit (PostgreSQL holds a global lock from a
/// notifying transaction's pre-commit until its end, WAL flush included), so group commit across workers would stop.
/// A transaction that only notifies writes no data and waits for no flush. A lost notification (a crash right after the
/// commit, a dropped connection) only delays other processes until their polling wait ends.</remarks>
internal sealed class PostgresNotifier : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _notifySql;
    private readonly string _channel;
    private readonly string _storeId;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private readonly HashSet<string> _instances = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _kinds;
    private bool _allInstances;

    public PostgresNotifier(NpgsqlDataSource dataSource, string channel, string storeId)
    {
        _dataSource = dataSource;
        _channel = channel;
        _storeId = storeId;
        _notifySql = "SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p";
        _loop = Task.Run(RunAsync);
    }

    /// <summary>NOTIFY transactions sent (test figure: coalescing makes it lower than the operations).</summary>
    internal long Sent { get; private set; }

    /// <summary>NOTIFY transactions that failed (dropped; other processes fall back to polling).</summary>
    internal long Failed { get; private set; }

    /// <summary>Queues a notification: work kinds (bit per <see cref="Storage.WorkKind"/>) and instances that changed.</summary>
    public void Enqueue(int kinds, IEnumerable<string>? instanceIds, bool allInstances = false)
    {
        lock (_gate)
        {
            _kinds |= kinds;
            _allInstances |= allInstances;
            if (instanceIds is not null && !_allInstances)
            {
                _instances.UnionWith(instanceIds);
            }
        }

        _wake.Writer.TryWrite(true);
    }

    public async ValueTask DisposeAsync()
    {
        _wake.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        while (await _wake.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _wake.Reader.TryRead(out _);
            int kinds;
            bool all;
            string[] instances;
            lock (_gate)
            {
                kinds = _kinds;
                all = _allInstances;
                instances = [.. _instances];
                _kinds = 0;
                _allInstances = false;
                _instances.Clear();
            }

            if (kinds == 0 && !all && instances.Length == 0)
            {
                continue;
            }

            try
            {
                var payloads = NotificationPayload.Encode(_storeId, kinds, instances, all);
                await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
                await using var command = new NpgsqlCommand(_notifySql, connection);
                command.Parameters.Add(PostgresParameters.Text(_channel));
                command.Parameters.Add(PostgresParameters.Texts([.. payloads]));
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                Sent++;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException or TimeoutException)
            {
                Failed++;
            }
        }
    }
}
