using Nexus.Durable.Client;
using Nexus.Durable.Postgres;
using Nexus.Durable.Tests.Recovery;
using Nexus.Testing.Postgres;

namespace Nexus.Durable.Tests.Cluster;

/// <summary>A PostgreSQL schema shared by several test worker processes, each with its own effects file in a temporary
/// directory. <see cref="DisposeAsync"/> stops the workers, deletes the directory and, when <see cref="CreateAsync"/>
/// made them, disposes this process's store and drops the schema.</summary>
internal sealed class ClusterWorkspace : IAsyncDisposable
{
    private readonly List<TestWorkerProcess> _workers = [];
    private PostgresTestSchema? _ownedSchema;
    private PostgresDurableStore? _store;
    private NexusDurableTaskClient? _client;
    private int _started;

    public ClusterWorkspace(string connectionString, string schema)
    {
        // Each process gets a bounded pool: three workers with the driver's default of 100 would exceed the server's
        // max_connections, and every refused connection is a failed store call.
        ConnectionString = connectionString + ";Maximum Pool Size=20";
        Schema = schema;
        Directory = Path.Combine(Path.GetTempPath(), "nexus-cluster-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string ConnectionString { get; }

    public string Schema { get; }

    public string Directory { get; }

    public IReadOnlyList<TestWorkerProcess> Workers => _workers;

    /// <summary>The client of this process (<see cref="CreateAsync"/> only).</summary>
    public NexusDurableTaskClient Client => _client ?? throw new InvalidOperationException("Only a workspace from CreateAsync has a client.");

    /// <summary>A new schema on the test server, migrated by this process's store, with a client on it.</summary>
    public static async Task<ClusterWorkspace> CreateAsync(string prefix, CancellationToken cancellationToken)
    {
        var schema = await (await PostgresServer.GetAsync()).CreateSchemaAsync(prefix, cancellationToken);
        var workspace = new ClusterWorkspace(schema.ConnectionString, schema.Name) { _ownedSchema = schema };
        workspace._store = workspace.OpenStore();
        await workspace._store.InitializeAsync(cancellationToken);
        workspace._client = new NexusDurableTaskClient("cluster-test", workspace._store);
        return workspace;
    }

    /// <summary>A store of this process on the shared schema (the workers open their own).</summary>
    public PostgresDurableStore OpenStore() => new(new PostgresStoreOptions { ConnectionString = ConnectionString, Schema = Schema });

    /// <summary>Starts <paramref name="count"/> workers at once and waits until every one is ready.</summary>
    public Task<TestWorkerProcess[]> StartWorkersAsync(int count, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartWorkerAsync(arguments, cancellationToken)));

    /// <summary>Starts the next worker with its own effects file and waits until it is ready; several may start at once.</summary>
    public async Task<TestWorkerProcess> StartWorkerAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var effects = Path.Combine(Directory, $"effects-{Interlocked.Increment(ref _started) - 1}.log");
        var worker = await TestWorkerProcess.StartAsync(
            Directory, ["--postgres", ConnectionString, "--schema", Schema, "--effects", effects, .. arguments], cancellationToken: cancellationToken);
        lock (_workers)
        {
            _workers.Add(worker);
        }

        return worker;
    }

    /// <summary>Every complete effects line of every worker so far.</summary>
    public IReadOnlyList<EffectLine> ReadEffects() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "effects-*.log").SelectMany(EffectLine.ReadFile)];

    /// <summary>What the workers did and said, for failure messages.</summary>
    public string Describe(int maxEffects = 40)
    {
        var effects = ReadEffects();
        var workers = string.Join("\n", _workers.Select((w, i) => $"--- worker {i} (pid {w.Pid}) ---\n{Tail(w.Output)}"));
        return $"{effects.Count} effects lines (last {maxEffects}):\n" +
            string.Join("\n", effects.TakeLast(maxEffects).Select(e => $"{e.Kind} {e.InstanceId} {e.Number} {e.Pid}")) + "\n" + workers;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_ownedSchema is not null)
        {
            await _ownedSchema.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
