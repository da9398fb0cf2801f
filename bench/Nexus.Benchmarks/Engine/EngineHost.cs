using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Stores;
using Nexus.Durable.Client;
using Nexus.Durable.Registry;
using Nexus.Durable.Storage;
using Nexus.Durable.Worker;

namespace Nexus.Benchmarks.Engine;

/// <summary>A fresh store, a started <see cref="DurableWorker"/> and a <see cref="DurableClient"/> in this process.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly BenchStore _store;
    private readonly DurableWorker _worker;

    private EngineHost(BenchStore store, DurableWorker worker, DurableClient client, TimingStore? timing)
    {
        _store = store;
        _worker = worker;
        Client = client;
        Timing = timing;
    }

    public DurableClient Client { get; }

    /// <summary>The timing decorator when diagnostics are on.</summary>
    public TimingStore? Timing { get; }

    /// <summary>The store itself (not the decorator).</summary>
    public IDurableStore RawStore => _store.Store;

    public static async Task<EngineHost> StartAsync(IStoreFactory factory, EngineBenchOptions options, bool diagnostics, CancellationToken cancellationToken)
    {
        var store = await factory.CreateAsync(options, cancellationToken);
        var timing = diagnostics ? new TimingStore(store.Store) : null;
        IDurableStore used = timing ?? store.Store;
        var registry = new DurableRegistry();
        BenchWorkflows.Register(registry);
        var workerOptions = WorkerOptions(options);
        var worker = new DurableWorker(used, registry, workerOptions);
        await worker.StartAsync(cancellationToken);
        var client = new DurableClient(used, registry, workerOptions.DataConverter, workerOptions.TimeProvider);
        return new EngineHost(store, worker, client, timing);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static DurableWorkerOptions WorkerOptions(EngineBenchOptions options)
    {
        var o = new DurableWorkerOptions();
        if (options.MaxConcurrentOrchestrations is { } orchestrations)
        {
            o.MaxConcurrentOrchestrations = orchestrations;
        }

        if (options.MaxConcurrentActivities is { } activities)
        {
            o.MaxConcurrentActivities = activities;
        }

        if (options.MinPollingMs is { } ms)
        {
            o.MinPollingInterval = TimeSpan.FromMilliseconds(ms);
        }

        if (options.StateCacheSize is { } cache)
        {
            o.StateCacheSize = cache;
        }

        return o;
    }
}
