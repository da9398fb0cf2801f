using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Durable.Storage;
using Nexus.Durable.Worker;

namespace Nexus.Compatibility.Backends;

/// <summary>What every NEXUS backend shares: the engine (worker and client) over the store a subclass opens, its start,
/// stop and the cleanup of what the backend owns (a temporary folder, a schema).</summary>
public abstract class NexusStoreBackend(
    Action<DurableTaskRegistry> registerTasks, Action<DurableWorkerOptions>? configureWorker, Func<ValueTask>? cleanUp)
{
    private NexusEngine? _engine;

    /// <summary>The client of the running engine; throws before <see cref="StartAsync"/>.</summary>
    public DurableTaskClient Client => Engine.Client;

    /// <summary>The running engine (its worker and client); throws before <see cref="StartAsync"/>.</summary>
    public NexusEngine Engine => _engine ?? throw new InvalidOperationException("The backend is not started.");

    /// <summary>Opens the store and starts the engine over it (warmed up).</summary>
    public async ValueTask StartAsync(CancellationToken cancellationToken = default)
    {
        if (_engine is not null)
        {
            throw new InvalidOperationException("The backend is already started.");
        }

        _engine = await NexusEngine.StartAsync(OpenStore(), registerTasks, configureWorker, warmUp: true, cancellationToken);
    }

    /// <summary>Stops the engine (its store with it); the backend can start again.</summary>
    public async ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
            _engine = null;
        }
    }

    /// <summary>Stops, then removes what the backend owns.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (cleanUp is not null)
        {
            await cleanUp();
        }
    }

    /// <summary>A new store for one start.</summary>
    protected abstract IDurableStore OpenStore();
}
