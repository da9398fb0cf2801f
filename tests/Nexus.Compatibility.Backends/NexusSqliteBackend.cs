using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Durable.Sqlite;
using Nexus.Durable.Worker;

namespace Nexus.Compatibility.Backends;

/// <summary>NEXUS's engine on its embedded store: a <see cref="SqliteDurableStore"/> file (durability full by default),
/// <see cref="DurableWorker"/> running the registered Microsoft.DurableTask tasks with the SDK's own runners, and
/// <see cref="Nexus.Durable.Client.NexusDurableTaskClient"/>.</summary>
public sealed class NexusSqliteBackend : ICompatibilityBackend<NexusSqliteBackend>
{
    private readonly string _databasePath;
    private readonly SqliteDurability _durability;
    private readonly Action<DurableTaskRegistry> _registerTasks;
    private readonly Action<DurableWorkerOptions>? _configureWorker;
    private readonly DirectoryInfo? _ownedDirectory;
    private NexusEngine? _engine;

    /// <summary>Creates an unstarted backend on the database file <paramref name="databasePath"/> (created when missing).</summary>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="registerTasks">Adds the tasks the worker runs.</param>
    /// <param name="durability">How commits reach the disk; default <see cref="SqliteDurability.Full"/>.</param>
    /// <param name="configureWorker">Changes the worker's options.</param>
    /// <param name="ownedDirectory">A directory deleted with everything in it on <see cref="DisposeAsync"/>.</param>
    public NexusSqliteBackend(
        string databasePath,
        Action<DurableTaskRegistry> registerTasks,
        SqliteDurability durability = SqliteDurability.Full,
        Action<DurableWorkerOptions>? configureWorker = null,
        DirectoryInfo? ownedDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentNullException.ThrowIfNull(registerTasks);
        _databasePath = databasePath;
        _durability = durability;
        _registerTasks = registerTasks;
        _configureWorker = configureWorker;
        _ownedDirectory = ownedDirectory;
    }

    public string Name => $"NEXUS: SQLite (durability {_durability.ToString().ToLowerInvariant()})";

    public DurableTaskClient Client => _engine?.Client ?? throw new InvalidOperationException("The backend is not started.");

    /// <summary>The running engine (its worker and client); throws before <see cref="StartAsync"/>.</summary>
    public NexusEngine Engine => _engine ?? throw new InvalidOperationException("The backend is not started.");

    /// <summary>A backend on a new database in a temporary directory of its own, deleted on dispose.</summary>
    public static ValueTask<NexusSqliteBackend> CreateForTestsAsync(
        Action<DurableTaskRegistry> registerTasks, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(CreateInTemporaryDirectory(registerTasks));

    /// <summary>A backend on a new database in a temporary directory of its own, deleted on dispose.</summary>
    public static NexusSqliteBackend CreateInTemporaryDirectory(
        Action<DurableTaskRegistry> registerTasks, SqliteDurability durability = SqliteDurability.Full, Action<DurableWorkerOptions>? configureWorker = null)
    {
        var directory = Directory.CreateTempSubdirectory("nexus-compat-");
        return new NexusSqliteBackend(Path.Combine(directory.FullName, "nexus.db"), registerTasks, durability, configureWorker, directory);
    }

    public async ValueTask StartAsync(CancellationToken cancellationToken = default)
    {
        if (_engine is not null)
        {
            throw new InvalidOperationException("The backend is already started.");
        }

        var store = new SqliteDurableStore(new SqliteStoreOptions { DatabasePath = _databasePath, Durability = _durability });
        _engine = await NexusEngine.StartAsync(store, _registerTasks, _configureWorker, warmUp: true, cancellationToken);
    }

    public async ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
            _engine = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (_ownedDirectory is { Exists: true })
        {
            _ownedDirectory.Delete(recursive: true);
        }
    }
}
