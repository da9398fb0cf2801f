using Nexus.Durable.Storage;

namespace Nexus.Benchmarks.Stores;

/// <summary>A store created for one run, with the clean-up of whatever it created (a temp directory, a schema).</summary>
/// <param name="store">The store.</param>
/// <param name="cleanup">Removes what the run created, after the store is disposed.</param>
/// <param name="sharedAs">For a store other processes can open: the options that name it (e.g. <c>--schema S</c>).</param>
internal sealed class BenchStore(IDurableStore store, Func<ValueTask>? cleanup = null, IReadOnlyList<string>? sharedAs = null) : IAsyncDisposable
{
    public IDurableStore Store { get; } = store;

    /// <summary>The options with which a worker process opens this same store, or <see langword="null"/> when it cannot.</summary>
    public IReadOnlyList<string>? SharedAs { get; } = sharedAs;

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (cleanup is not null)
        {
            await cleanup();
        }
    }
}
