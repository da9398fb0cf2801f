using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Nexus.Durable.Client;
using Nexus.Durable.Registry;
using Nexus.Durable.Storage;
using Nexus.Durable.Worker;

namespace Nexus.Compatibility.Backends;

/// <summary>NEXUS's engine on one store, as the SDK sees it: a started <see cref="DurableWorker"/> running the tasks of a
/// Microsoft.DurableTask <see cref="DurableTaskRegistry"/> and a <see cref="NexusDurableTaskClient"/> on the same store,
/// both with the SDK's default converter (<see cref="JsonDataConverter.Default"/>).</summary>
/// <remarks>Disposing stops the client and the worker, then disposes the store.</remarks>
public sealed class NexusEngine : IAsyncDisposable
{
    private readonly IDurableStore _store;
    private bool _disposed;

    private NexusEngine(IDurableStore store, DurableWorker worker, NexusDurableTaskClient client)
    {
        _store = store;
        Worker = worker;
        Client = client;
    }

    /// <summary>The running worker.</summary>
    public DurableWorker Worker { get; }

    /// <summary>The SDK client over the store.</summary>
    public NexusDurableTaskClient Client { get; }

    /// <summary>Starts a worker on <paramref name="store"/> (which it initializes and, from now on, owns) with the tasks
    /// <paramref name="registerTasks"/> adds and the warm-up orchestration; returns once that orchestration has run.</summary>
    /// <param name="store">An uninitialized or initialized store; disposed with the engine (also when the start fails).</param>
    /// <param name="registerTasks">Adds the orchestrators, activities and entities to run.</param>
    /// <param name="configureWorker">Changes the worker's options (the converter is set before it runs).</param>
    /// <param name="warmUp">Whether to run the warm-up orchestration before returning.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<NexusEngine> StartAsync(
        IDurableStore store,
        Action<DurableTaskRegistry> registerTasks,
        Action<DurableWorkerOptions>? configureWorker = null,
        bool warmUp = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registerTasks);
        DurableWorker? worker = null;
        try
        {
            var tasks = new DurableTaskRegistry();
            registerTasks(tasks);
            BackendWarmUp.Register(tasks);
            var registry = new DurableRegistry().AddTasks(tasks);
            var options = new DurableWorkerOptions { DataConverter = new SdkDataConverterAdapter(JsonDataConverter.Default) };
            configureWorker?.Invoke(options);
            worker = new DurableWorker(store, registry, options);
            await worker.StartAsync(cancellationToken);
            var client = new NexusDurableTaskClient("nexus", store, JsonDataConverter.Default, options.TimeProvider);
            var engine = new NexusEngine(store, worker, client);
            if (warmUp)
            {
                await BackendWarmUp.RunAsync(client, cancellationToken);
            }

            return engine;
        }
        catch
        {
            if (worker is not null)
            {
                await worker.DisposeAsync();
            }

            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Client.DisposeAsync();
        await Worker.DisposeAsync();
        await _store.DisposeAsync();
    }
}
