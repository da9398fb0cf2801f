using Microsoft.DurableTask;
using Nexus.Durable.Sqlite;
using Nexus.Durable.Storage;
using Nexus.Durable.Worker;

namespace Nexus.Compatibility.Backends;

/// <summary>NEXUS's engine on its embedded store: a <see cref="SqliteDurableStore"/> file (durability full by default),
/// <see cref="DurableWorker"/> running the registered Microsoft.DurableTask tasks with the SDK's own runners, and
/// <see cref="Nexus.Durable.Client.NexusDurableTaskClient"/>.</summary>
public sealed class NexusSqliteBackend : NexusStoreBackend, ICompatibilityBackend<NexusSqliteBackend>
{
    private readonly string _databasePath;
    private readonly SqliteDurability _durability;

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
        : base(registerTasks, configureWorker, ownedDirectory is null ? null : () => DeleteAsync(ownedDirectory))
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentNullException.ThrowIfNull(registerTasks);
        _databasePath = databasePath;
        _durability = durability;
    }

    public string Name => $"NEXUS: SQLite (durability {_durability.ToString().ToLowerInvariant()})";

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

    protected override IDurableStore OpenStore() =>
        new SqliteDurableStore(new SqliteStoreOptions { DatabasePath = _databasePath, Durability = _durability });

    private static ValueTask DeleteAsync(DirectoryInfo directory)
    {
        directory.Refresh();
        if (directory.Exists)
        {
            directory.Delete(recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
