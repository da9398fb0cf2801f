using Nexus.Durable.Storage;

namespace Nexus.Benchmarks.Stores;

/// <summary>A store created for one run, with the clean-up of whatever it created (a temp directory, a schema).</summary>
internal sealed class BenchStore(IDurableStore store, Func<ValueTask>? cleanup = null) : IAsyncDisposable
{
    public IDurableStore Store { get; } = store;

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (cleanup is not null)
        {
            await cleanup();
        }
    }
}
