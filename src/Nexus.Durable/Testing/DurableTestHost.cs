using Nexus.Durable.Client;
using Nexus.Durable.InMemory;
using Nexus.Durable.Registry;
using Nexus.Durable.Sdk;
using Nexus.Durable.Storage;
using Nexus.Durable.Worker;

namespace Nexus.Durable.Testing;

/// <summary>An in-process engine for tests: an in-memory store, a running worker and the Durable Task SDK's client, in one line.</summary>
/// <example><code>
/// await using var host = await DurableTestHost.StartAsync(r => r.AddTaskOrchestrator&lt;MyOrchestrator&gt;().AddTaskActivity&lt;MyActivity&gt;());
/// var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MyOrchestrator), input);
/// var result = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
/// </code></example>
/// <remarks>The client serializes with the worker's <see cref="DurableWorkerOptions.DataConverter"/> (through the SDK's
/// seam), so what a test sends is read by the orchestrations exactly as it was meant.</remarks>
public sealed class DurableTestHost : IAsyncDisposable
{
    private DurableTestHost(IDurableStore store, DurableRegistry registry, DurableWorker worker, NexusDurableTaskClient client)
    {
        Store = store;
        Registry = registry;
        Worker = worker;
        Client = client;
    }

    /// <summary>The store (in-memory unless one was given).</summary>
    public IDurableStore Store { get; }

    /// <summary>The registry.</summary>
    public DurableRegistry Registry { get; }

    /// <summary>The running worker.</summary>
    public DurableWorker Worker { get; }

    /// <summary>The SDK's client (<see cref="Microsoft.DurableTask.Client.DurableTaskClient"/>) over the same store, named
    /// <c>DurableTestHost</c>, on the worker's clock and converter.</summary>
    public NexusDurableTaskClient Client { get; }

    /// <summary>Starts a host. <paramref name="configureWorker"/> may change worker options (a manual clock, short leases).</summary>
    public static async Task<DurableTestHost> StartAsync(
        Action<DurableRegistry> register,
        Action<DurableWorkerOptions>? configureWorker = null,
        IDurableStore? store = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(register);
        var registry = new DurableRegistry();
        register(registry);
        var options = new DurableWorkerOptions { MinPollingInterval = TimeSpan.FromMilliseconds(10), MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
        configureWorker?.Invoke(options);
        store ??= new InMemoryDurableStore(new InMemoryStoreOptions { TimeProvider = options.TimeProvider });
        var worker = new DurableWorker(store, registry, options);
        await worker.StartAsync(cancellationToken).ConfigureAwait(false);
        var client = new NexusDurableTaskClient(nameof(DurableTestHost), store, SdkDataConverter.For(options.DataConverter), options.TimeProvider);
        return new DurableTestHost(store, registry, worker, client);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        await Worker.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
