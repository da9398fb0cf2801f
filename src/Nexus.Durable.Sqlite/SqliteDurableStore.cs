using System.Reflection;
using System.Runtime.CompilerServices;
using Nexus.Durable.Storage;

[assembly: InternalsVisibleTo("Nexus.Durable.Tests")]

namespace Nexus.Durable.Sqlite;

/// <summary>The embedded store: one SQLite file in WAL mode, a single group-committing writer and pooled readers.</summary>
/// <remarks>
/// <para>Every write (create, send, lock, checkpoint, complete, abandon, renew, park, purge) is queued to one writer
/// thread that commits everything queued as one transaction, each operation in its own savepoint (group commit: one
/// fsync for many operations). Reads use separate connections, so they never wait for the writer and work from other
/// processes while a worker writes.</para>
/// <para>Notifications (<see cref="WaitForWorkAsync"/>, <see cref="WaitForInstanceChangeAsync"/>) are in-process; other
/// processes see new work when their wait times out.</para>
/// </remarks>
public sealed partial class SqliteDurableStore : IDurableStore
{
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly SqliteReadPool _readers;
    private readonly WorkSignal[] _workSignals = [new(), new(), new()];
    private readonly InstanceChangeSignals _instanceSignals = new();
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private SqliteWriter? _writer;
    private bool _disposed;

    /// <summary>Creates the store. Call <see cref="InitializeAsync"/> before using it.</summary>
    public SqliteDurableStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        _readers = new SqliteReadPool(options);
    }

    /// <summary>The SQLite library every store in this process runs on, for diagnostics: its version and the provider's,
    /// e.g. <c>SQLite 3.53.3 (Microsoft.Data.Sqlite 10.0.15)</c>.</summary>
    public static string LibraryVersion { get; } = DescribeLibrary();

    /// <summary>The options the store runs with.</summary>
    public SqliteStoreOptions Options => _options;

    /// <summary>Transactions the writer has committed (test figure: group commit makes it far lower than the operations).</summary>
    internal long CommittedTransactions => _writer?.Transactions ?? 0;

    /// <summary>Completes after the next background WAL checkpoint.</summary>
    internal Task NextCheckpoint => _writer?.Checkpointer.NextCheckpoint ?? Task.CompletedTask;

    /// <summary>Write operations the writer has run.</summary>
    internal long WriteRequests => _writer?.Requests ?? 0;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_writer is not null)
            {
                return;
            }

            var session = SqliteSession.Open(_options, create: true);
            try
            {
                session.Execute("PRAGMA journal_mode=WAL");
                session.Execute("PRAGMA wal_autocheckpoint=0"); // see SqliteCheckpointer
                session.Execute(_options.Durability == SqliteDurability.Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
                SqliteSchema.Migrate(session.Connection);
            }
            catch
            {
                session.Dispose();
                throw;
            }

            _writer = new SqliteWriter(session, _options, OnCommitted);
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask WaitForWorkAsync(WorkKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var signal = _workSignals[(int)kind];
        var wake = signal.Join(out var registration);
        if (wake.IsCompleted)
        {
            return;
        }

        try
        {
            await WaitAsync(wake, maxWait, cancellationToken);
        }
        finally
        {
            signal.Leave(registration);
        }
    }

    /// <inheritdoc/>
    public async ValueTask WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var registration = _instanceSignals.Join(instanceId);
        try
        {
            await WaitAsync(registration.Task, maxWait, cancellationToken);
        }
        finally
        {
            _instanceSignals.Leave(instanceId, registration);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        _writer?.Dispose();
        _readers.Dispose();
        _initGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitAsync(Task wake, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(maxWait, _time, timeout.Token);
        await Task.WhenAny(wake, delay);
        await timeout.CancelAsync(); // releases the timer
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void OnCommitted(int kinds, IReadOnlyList<string> instances)
    {
        for (var kind = 0; kind < _workSignals.Length; kind++)
        {
            if ((kinds & (1 << kind)) != 0)
            {
                _workSignals[kind].Set();
            }
        }

        if (instances.Count > 0)
        {
            _instanceSignals.Set(instances);
        }
    }

    /// <summary>Test hook: runs <paramref name="action"/> on the writer connection inside a group transaction.</summary>
    internal Task<T> RunOnWriterAsync<T>(Func<Microsoft.Data.Sqlite.SqliteConnection, T> action, bool requiresSync = true) =>
        WriteAsync(
            context =>
            {
                context.Session.NoteWrite(); // raw access: assume it writes
                return action(context.Session.Connection);
            },
            requiresSync,
            CancellationToken.None);

    private Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> body, bool requiresSync, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var writer = _writer ?? throw new InvalidOperationException("Call InitializeAsync before using the store.");
        return writer.Enqueue(body, requiresSync, cancellationToken);
    }

    private ValueTask<T> ReadAsync<T>(Func<SqliteSession, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _readers.ReadAsync(read, cancellationToken);
    }

    private static string DescribeLibrary()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(); // ServerVersion needs no open connection
        var provider = typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        return $"SQLite {connection.ServerVersion} (Microsoft.Data.Sqlite {provider})";
    }
}
