using Npgsql;

namespace Nexus.Durable.Postgres;

/// <summary>LISTENs on the schema's channel over one dedicated (unpooled) connection and hands every notification to
/// the store (or to another listener of the same database: the hosts' live activity relay); reconnects when the
/// connection drops, and then reports that notifications may have been missed.</summary>
public sealed class PostgresListener : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _channel;
    private readonly TimeSpan _reconnectDelay;
    private readonly Action<string> _onNotification;
    private readonly Action _onReconnected;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private volatile int _processId;
    private int _connections;

    /// <summary>A listener on <paramref name="channel"/> (not started).</summary>
    /// <param name="connectionString">The database's connection string (a pooled one is fine: the listener turns pooling off).</param>
    /// <param name="channel">The channel, as given to <c>pg_notify</c>.</param>
    /// <param name="reconnectDelay">How long to wait before reconnecting after the connection dropped.</param>
    /// <param name="onNotification">Called with each payload, on the listener's loop: must not block.</param>
    /// <param name="onReconnected">Called after a reconnection (what was notified meanwhile is lost).</param>
    public PostgresListener(string connectionString, string channel, TimeSpan reconnectDelay, Action<string> onNotification, Action onReconnected)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 15, // a silently dead connection is noticed (and replaced) within seconds
            MaxAutoPrepare = 0,
        };
        builder.ApplicationName = (builder.ApplicationName ?? "nexus") + " listener";
        _connectionString = builder.ConnectionString;
        _channel = channel;
        _reconnectDelay = reconnectDelay;
        _onNotification = onNotification;
        _onReconnected = onReconnected;
    }

    /// <summary>The server process id of the current listening connection (tests terminate it), or 0.</summary>
    internal int ProcessId => _processId;

    /// <summary>How many times the listener has connected and executed LISTEN.</summary>
    internal int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts listening; completes once the first LISTEN is in place (fails if the first connection fails).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        await _ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += (_, e) =>
                {
                    if (string.Equals(e.Channel, _channel, StringComparison.Ordinal))
                    {
                        _onNotification(e.Payload);
                    }
                };
                await connection.OpenAsync(token).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand("LISTEN \"" + _channel + "\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                _processId = connection.ProcessID;
                if (Interlocked.Increment(ref _connections) > 1)
                {
                    _onReconnected(); // whatever was notified while we were away is unknown: everyone polls
                }

                _ready.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                _processId = 0;
                if (_ready.TrySetException(e))
                {
                    return; // the first connection failed: InitializeAsync reports it
                }
            }

            try
            {
                await Task.Delay(_reconnectDelay, token).ConfigureAwait(false); // wall clock: the store's clock may be a test's manual one
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _processId = 0;
    }
}
