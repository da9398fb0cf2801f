using Microsoft.DurableTask;
using Nexus.Durable.Postgres;
using Nexus.Durable.Storage;
using Nexus.Durable.Worker;
using Nexus.Testing.Postgres;

namespace Nexus.Compatibility.Backends;

/// <summary>NEXUS's engine on its server store: a <see cref="PostgresDurableStore"/> in one schema (commits durable: the
/// server's <c>fsync</c> and <c>synchronous_commit</c>), <see cref="DurableWorker"/> running the registered
/// Microsoft.DurableTask tasks, and <see cref="Nexus.Durable.Client.NexusDurableTaskClient"/>.</summary>
public sealed class NexusPostgresBackend : NexusStoreBackend, ICompatibilityBackend<NexusPostgresBackend>
{
    private readonly string _connectionString;
    private readonly string _schema;

    /// <summary>Creates an unstarted backend on <paramref name="schema"/> (created when missing) of the server
    /// <paramref name="connectionString"/> names.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="schema">The store's schema.</param>
    /// <param name="registerTasks">Adds the tasks the worker runs.</param>
    /// <param name="configureWorker">Changes the worker's options.</param>
    /// <param name="ownedSchema">Disposed (the schema dropped) on <see cref="DisposeAsync"/>.</param>
    public NexusPostgresBackend(
        string connectionString,
        string schema,
        Action<DurableTaskRegistry> registerTasks,
        Action<DurableWorkerOptions>? configureWorker = null,
        IAsyncDisposable? ownedSchema = null)
        : base(registerTasks, configureWorker, ownedSchema is null ? null : ownedSchema.DisposeAsync)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        ArgumentNullException.ThrowIfNull(registerTasks);
        _connectionString = connectionString;
        _schema = schema;
    }

    public string Name => "NEXUS: PostgreSQL";

    /// <summary>A backend on a new schema of the process-wide test server (<see cref="PostgresServer"/>), dropped on dispose.</summary>
    public static ValueTask<NexusPostgresBackend> CreateForTestsAsync(
        Action<DurableTaskRegistry> registerTasks, CancellationToken cancellationToken = default) =>
        CreateOnTestServerAsync(registerTasks, configureWorker: null, cancellationToken);

    /// <summary>A backend on a new schema of the process-wide test server (<see cref="PostgresServer"/>), dropped on dispose.</summary>
    public static async ValueTask<NexusPostgresBackend> CreateOnTestServerAsync(
        Action<DurableTaskRegistry> registerTasks, Action<DurableWorkerOptions>? configureWorker, CancellationToken cancellationToken = default)
    {
        PostgresServer server = await PostgresServer.GetAsync().WaitAsync(cancellationToken);
        PostgresTestSchema schema = await server.CreateSchemaAsync("compat", cancellationToken);
        return new NexusPostgresBackend(server.ConnectionString, schema.Name, registerTasks, configureWorker, schema);
    }

    protected override IDurableStore OpenStore() =>
        new PostgresDurableStore(new PostgresStoreOptions { ConnectionString = _connectionString, Schema = _schema });
}
