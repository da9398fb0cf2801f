using Nexus.Benchmarks.Engine;

namespace Nexus.Benchmarks.Stores;

/// <summary>Resolves <c>--store</c>. Server stores (PostgreSQL) use <c>--connection</c>.</summary>
internal static class StoreFactories
{
    public static IStoreFactory For(EngineBenchOptions options) => options.Store switch
    {
        "sqlite" => new SqliteStoreFactory(),
        "memory" => new MemoryStoreFactory(),
        "postgres" => new PostgresStoreFactory(),
        _ => throw new ArgumentException($"The '{options.Store}' store is not available in this build."),
    };
}
