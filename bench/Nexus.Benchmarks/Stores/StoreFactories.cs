using Nexus.Benchmarks.Engine;

namespace Nexus.Benchmarks.Stores;

/// <summary>Resolves <c>--store</c>. A server store (PostgreSQL) adds a factory here that uses <c>--connection</c>.</summary>
internal static class StoreFactories
{
    public static IStoreFactory For(EngineBenchOptions options) => options.Store switch
    {
        "sqlite" => new SqliteStoreFactory(),
        "memory" => new MemoryStoreFactory(),
        _ => throw new ArgumentException($"The '{options.Store}' store is not available in this build."),
    };
}
