using Nexus.Benchmarks.Diagnostics;
using Nexus.Benchmarks.Stores;
using Microsoft.DurableTask;
using Nexus.Benchmarks.Workflows;
using Nexus.Durable.Client;
using Nexus.Durable.Registry;
using Nexus.Durable.Storage;
using Nexus.Durable.Worker;

namespace Nexus.Benchmarks.Engine;

/// <summary>A fresh store, a <see cref="NexusDurableTaskClient"/> in this process and the workers: a started
/// <see cref="DurableWorker"/> in this process (unless asked for none) and, with <c>--workers N</c> on a shared store,
/// worker processes on the same store.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly BenchStore _store;
    private readonly DurableWorker? _worker;
    private readonly WorkerProcesses? _processes;

    private EngineHost(BenchStore store, DurableWorker? worker, WorkerProcesses? processes, NexusDurableTaskClient client, TimingStore? timing)
    {
        _store = store;
        _worker = worker;
        _processes = processes;
        Client = client;
        Timing = timing;
    }

    public NexusDurableTaskClient Client { get; }

    /// <summary>The timing decorator when diagnostics are on.</summary>
    public TimingStore? Timing { get; }

    /// <summary>The store itself (not the decorator).</summary>
    public IDurableStore RawStore => _store.Store;

    /// <summary>Starts the host: with <paramref name="inProcessWorker"/> a worker here and <c>Workers - 1</c> worker
    /// processes, else <c>Workers</c> worker processes and only the client here.</summary>
    public static async Task<EngineHost> StartAsync(
        IStoreFactory factory, EngineBenchOptions options, bool diagnostics, CancellationToken cancellationToken, bool inProcessWorker = true)
    {
        var store = await factory.CreateAsync(options, cancellationToken);
        try
        {
            var timing = diagnostics ? new TimingStore(store.Store) : null;
            IDurableStore used = timing ?? store.Store;
            await used.InitializeAsync(cancellationToken);
            var registry = CreateRegistry();
            var workerOptions = WorkerOptions(options);
            var children = inProcessWorker ? options.Workers - 1 : options.Workers;
            WorkerProcesses? processes = null;
            if (children > 0)
            {
                var shared = store.SharedAs ?? throw new ArgumentException($"The {factory.Name} store cannot be shared with worker processes.");
                processes = await WorkerProcesses.StartAsync(children, [.. shared, .. options.WorkerArguments()], cancellationToken);
            }

            DurableWorker? worker = null;
            if (inProcessWorker)
            {
                worker = new DurableWorker(used, registry, workerOptions);
                await worker.StartAsync(cancellationToken);
            }

            var client = new NexusDurableTaskClient("bench", used, timeProvider: workerOptions.TimeProvider);
            return new EngineHost(store, worker, processes, client, timing);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>The benchmark's SDK tasks in NEXUS's registry.</summary>
    public static DurableRegistry CreateRegistry()
    {
        var tasks = new DurableTaskRegistry();
        BenchWorkflows.Register(tasks);
        return new DurableRegistry().AddTasks(tasks);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_processes is not null)
        {
            await _processes.DisposeAsync();
        }

        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        await _store.DisposeAsync();
    }

    /// <summary>The worker options the benchmark options ask for.</summary>
    public static DurableWorkerOptions WorkerOptions(EngineBenchOptions options)
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
