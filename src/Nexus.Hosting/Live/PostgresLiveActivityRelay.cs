using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Nexus.Durable.Postgres;
using Nexus.Workflows.Live;

namespace Nexus.Hosting.Live;

/// <summary>Live activity between the processes of one PostgreSQL store (hosts and <c>nexus worker</c>s on any machine):
/// each activity is a NOTIFY on the schema's live channel, which every process of the schema LISTENs to.</summary>
/// <remarks>Not history: nothing is stored, a process that was not listening does not get it, and an activity whose text
/// does not fit a NOTIFY payload even cut (<see cref="LiveActivityWire.MaxBytes"/>) is dropped. The store's own work
/// notifications use another channel, so live activity never wakes a worker.</remarks>
internal sealed class PostgresLiveActivityRelay : ILiveActivityRelay
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly Channel<LiveActivity> _outbox = System.Threading.Channels.Channel.CreateBounded<LiveActivity>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private PostgresListener? _listener;
    private Task _sending = Task.CompletedTask;

    public PostgresLiveActivityRelay(string connectionString, string schema)
    {
        _connectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Channel = ChannelOf(schema);
    }

    /// <summary>The channel: <c>nexus.live.{schema}</c> (a long schema name by its hash, to stay within 63 bytes).</summary>
    public string Channel { get; }

    public void Send(LiveActivity activity) => _outbox.Writer.TryWrite(activity);

    public async Task StartAsync(LiveActivityFeed feed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _listener = new PostgresListener(_connectionString, Channel, TimeSpan.FromSeconds(1), payload => Deliver(feed, payload), static () => { });
        await _listener.StartAsync(cancellationToken).ConfigureAwait(false);
        _sending = Task.Run(() => SendLoopAsync(_stop.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    internal static string ChannelOf(string schema)
    {
        var name = "nexus.live." + schema;
        return Encoding.UTF8.GetByteCount(name) <= 63
            ? name
            : "nexus.live." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schema)))[..32];
    }

    private void Deliver(LiveActivityFeed feed, string payload)
    {
        if (LiveActivityWire.TryRead(payload, out var origin, out var activity) && origin != _origin)
        {
            feed.Receive(activity);
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await using var batch = _dataSource.CreateBatch();
                    while (batch.BatchCommands.Count < 100 && _outbox.Reader.TryRead(out var activity))
                    {
                        if (LiveActivityWire.Write(_origin, activity) is { } body)
                        {
                            var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
                            notify.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Channel });
                            notify.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = body });
                            batch.BatchCommands.Add(notify);
                        }
                    }

                    if (batch.BatchCommands.Count > 0)
                    {
                        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
                {
                    // The database is unreachable for now: these activities are dropped (live activity is not history).
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
