using Nexus.Benchmarks.Engine;
using Nexus.Durable.InMemory;

namespace Nexus.Benchmarks.Stores;

/// <summary>The in-memory store: the engine's cost without storage.</summary>
internal sealed class MemoryStoreFactory : IStoreFactory
{
    public string Name => "memory";

    public string DurabilityLabel(EngineBenchOptions options) => "n/a";

    public ValueTask<BenchStore> CreateAsync(EngineBenchOptions options, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new BenchStore(new InMemoryDurableStore(new InMemoryStoreOptions())));
}
