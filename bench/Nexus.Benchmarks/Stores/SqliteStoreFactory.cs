using Nexus.Benchmarks.Engine;
using Nexus.Durable.Sqlite;

namespace Nexus.Benchmarks.Stores;

/// <summary>A fresh SQLite file in its own temp directory, deleted after the run.</summary>
internal sealed class SqliteStoreFactory : IStoreFactory
{
    public string Name => "sqlite";

    public string DurabilityLabel(EngineBenchOptions options) => options.Durability;

    public ValueTask<BenchStore> CreateAsync(EngineBenchOptions options, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("nexus-bench-");
        var storeOptions = new SqliteStoreOptions
        {
            DatabasePath = Path.Combine(directory.FullName, "engine.db"),
            Durability = options.Durability == "normal" ? SqliteDurability.Normal : SqliteDurability.Full,
        };
        if (options.MaxBatchSize is { } batch)
        {
            storeOptions.MaxBatchSize = batch;
        }

        if (options.ReadConnections is { } readers)
        {
            storeOptions.ReadConnections = readers;
        }

        var store = new SqliteDurableStore(storeOptions);
        return ValueTask.FromResult(new BenchStore(store, () =>
        {
            directory.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }));
    }
}
