using Nexus.Benchmarks.Engine;

namespace Nexus.Benchmarks.Stores;

/// <summary>Creates a fresh, empty store for one benchmark run (the seam where further backends plug in).</summary>
internal interface IStoreFactory
{
    /// <summary>The name printed in the results (<c>store</c> field).</summary>
    string Name { get; }

    /// <summary>The durability printed in the results, or <c>n/a</c> when the store has no such setting.</summary>
    string DurabilityLabel(EngineBenchOptions options);

    /// <summary>Creates an empty store; disposing the result removes everything it created.</summary>
    ValueTask<BenchStore> CreateAsync(EngineBenchOptions options, CancellationToken cancellationToken);
}
