using System.Data.Common;
using Nexus.Durable.Internal;
using Nexus.Durable.Storage;
using Npgsql;

namespace Nexus.Durable.Postgres;

/// <summary>The scale-out store: many worker processes (on many machines) share one PostgreSQL database.</summary>
/// <remarks>
/// <para>Work is distributed with leases: locking takes rows with <c>SELECT … FOR UPDATE SKIP LOCKED</c> (READ COMMITTED),
/// so concurrent lockers never wait for each other nor take the same item, and writes the lease owner and its end;
/// an expired lease can be taken over. Every write re-checks the lease in the same transaction, and a second writer for
/// the same history position fails on the history key; both surface as <see cref="LeaseLostException"/>.</para>
/// <para>Each operation is one round trip: its statements travel as one batch, which PostgreSQL runs as one implicit
/// transaction (statements prepared automatically, pooled connections). Commits stay durable.</para>
/// <para>Notifications: this store wakes its own waiters in-process when a commit returns, and sends a NOTIFY on the
/// schema's channel right after (coalesced, outside the writing transaction) so other processes' waiters wake; one
/// dedicated connection per store LISTENs for theirs and reconnects when it drops. Polling with maxWait stays the
/// fallback.</para>
/// <para>The schema (see <see cref="PostgresStoreOptions.Schema"/>) is versioned and migrated by
/// <see cref="InitializeAsync"/>, safely when several processes start at once.</para>
/// </remarks>
public sealed partial class PostgresDurableStore : IDurableStore
{
    private readonly PostgresStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly int _threshold;
    private readonly PostgresSql _sql;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly string _storeId = Guid.NewGuid().ToString("N")[..12];
    private readonly AsyncSignal[] _workSignals = [new(), new(), new()];
    private readonly InstanceWaiters _instanceWaiters = new();
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private PostgresNotifier? _notifier;
    private PostgresListener? _listener;
    private volatile bool _initialized;
    private bool _disposed;

    /// <summary>Creates the store. Call <see cref="InitializeAsync"/> before using it.</summary>
    /// <exception cref="ArgumentException">The options are not valid (the message names the option).</exception>
    public PostgresDurableStore(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        _threshold = options.PayloadThresholdBytes;
        _sql = new PostgresSql(options.Schema);
        _connectionString = Tune(options.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    /// <summary>The options the store runs with.</summary>
    public PostgresStoreOptions Options => _options;

    /// <summary>The listener (tests: its connection's process id, how often it connected).</summary>
    internal PostgresListener? Listener => _listener;

    /// <summary>The notifier (tests and benchmarks: NOTIFY transactions sent).</summary>
    internal PostgresNotifier? Notifier => _notifier;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
            {
                await PostgresSchema.MigrateAsync(connection, _options.Schema, _time.GetUtcNow(), null, cancellationToken);
            }

            if (_options.SendNotifications)
            {
                _notifier = new PostgresNotifier(_dataSource, _sql.Channel, _storeId);
            }

            if (_options.ListenForNotifications)
            {
                var listener = new PostgresListener(_connectionString, _sql.Channel, _options.ListenerReconnectDelay, OnNotification, OnListenerReconnected);
                try
                {
                    await listener.StartAsync(cancellationToken);
                }
                catch
                {
                    await listener.DisposeAsync();
                    throw;
                }

                _listener = listener;
            }

            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask WaitForWorkAsync(WorkKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _workSignals[(int)kind].WaitAsync(maxWait, _time, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var registration = _instanceWaiters.Join(instanceId);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(maxWait, _time, timeout.Token);
            await Task.WhenAny(registration.Task, delay);
            await timeout.CancelAsync(); // releases the timer
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            _instanceWaiters.Leave(instanceId, registration);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_notifier is not null)
        {
            await _notifier.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
        _initGate.Dispose();
    }

    // Defaults the store wants unless the connection string says otherwise (keys compared without spaces or case).
    private static string Tune(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!keys.Contains("AUTOPREPAREMINUSAGES"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!keys.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        // Many more connections than the server has cores only add backends that plan every statement once and contend;
        // the engine's hundreds of in-flight operations queue for a connection instead (group commit still needs a few).
        if (!keys.Contains("MAXIMUMPOOLSIZE") && !keys.Contains("MAXPOOLSIZE"))
        {
            builder.MaxPoolSize = 20;
        }

        if (!keys.Contains("APPLICATIONNAME"))
        {
            builder.ApplicationName = "nexus";
        }

        // The store's statements are written for generic plans (every lookup by key, arrays unnested into nested loops):
        // planning them once per connection, instead of re-planning those whose array parameters make PostgreSQL prefer
        // custom plans, saves a planning pass per call.
        if (builder.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
        {
            builder.Options = ((builder.Options ?? string.Empty) + " -c plan_cache_mode=force_generic_plan").Trim();
        }

        return builder.ConnectionString;
    }

    private long NowTicks => _time.GetUtcNow().UtcTicks;

    private void EnsureReady()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the store.");
        }
    }

    /// <summary>Runs a batch as one round trip and one transaction; <paramref name="read"/> consumes its result sets in
    /// order. Lease guards and history-key violations surface as <see cref="LeaseLostException"/> (<paramref name="lost"/>
    /// gives the message).</summary>
    private async Task<T> RunAsync<T>(
        PostgresBatch batch, Func<NpgsqlDataReader, Task<T>> read, Func<string, string> lost, CancellationToken cancellationToken)
    {
        EnsureReady();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = batch.Create(connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var result = await read(reader);
            while (await reader.NextResultAsync(cancellationToken))
            {
            }

            return result;
        }
        catch (PostgresException e) when (e.SqlState == PostgresSql.LeaseLostState)
        {
            throw new LeaseLostException(lost(e.MessageText), e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == PostgresSql.HistoryKey)
        {
            throw new LeaseLostException(lost("history"), e);
        }
    }

    /// <summary>After a commit: wakes this store's waiters now, and other processes' through a NOTIFY.</summary>
    private void Committed(int workKinds, IReadOnlyCollection<string>? instanceIds, bool allInstances = false)
    {
        for (var kind = 0; kind < _workSignals.Length; kind++)
        {
            if ((workKinds & (1 << kind)) != 0)
            {
                _workSignals[kind].Set();
            }
        }

        if (allInstances)
        {
            _instanceWaiters.SetAll();
        }
        else if (instanceIds is { Count: > 0 })
        {
            _instanceWaiters.Set(instanceIds);
        }

        if (workKinds != 0 || allInstances || instanceIds is { Count: > 0 })
        {
            _notifier?.Enqueue(workKinds, instanceIds, allInstances);
        }
    }

    private void OnNotification(string payload)
    {
        if (!NotificationPayload.TryDecode(payload, out var storeId, out var kinds, out var instanceIds)
            || string.Equals(storeId, _storeId, StringComparison.Ordinal))
        {
            return; // not ours, or our own (already signalled in-process)
        }

        for (var kind = 0; kind < _workSignals.Length; kind++)
        {
            if ((kinds & (1 << kind)) != 0)
            {
                _workSignals[kind].Set();
            }
        }

        if (instanceIds is null)
        {
            _instanceWaiters.SetAll();
        }
        else if (instanceIds.Length > 0)
        {
            _instanceWaiters.Set(instanceIds);
        }
    }

    private void OnListenerReconnected()
    {
        foreach (var signal in _workSignals)
        {
            signal.Set();
        }

        _instanceWaiters.SetAll();
    }

    private static int Bit(WorkKind kind) => 1 << (int)kind;

    private static int Bit(InstanceKind kind) => Bit(kind == InstanceKind.Entity ? WorkKind.Entity : WorkKind.Orchestration);

    // Instance-kind bits (as returned by the send statement: bit 0 orchestrations, bit 1 entities) to work-kind bits.
    private static int WorkBits(int instanceKindBits) =>
        ((instanceKindBits & 1) != 0 ? Bit(WorkKind.Orchestration) : 0) | ((instanceKindBits & 2) != 0 ? Bit(WorkKind.Entity) : 0);
}
