using Microsoft.Extensions.Logging;
using Nexus.Durable.Registry;
using Nexus.Durable.Sdk;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Worker;

/// <summary>Runs orchestrations, activities and entities from a store: three dispatchers with leased work items.</summary>
/// <remarks>
/// Several workers (in one or many processes) can share a store: each item is leased to one worker, and a worker that
/// dies loses its leases when they expire. <see cref="StopAsync"/> is graceful: it stops taking work, waits up to
/// <see cref="DurableWorkerOptions.ShutdownTimeout"/> for running work, then cancels it and releases its locks.
/// </remarks>
public sealed class DurableWorker : IAsyncDisposable
{
    private readonly IDurableStore _store;
    private readonly DurableWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly OrchestrationStateCache _cache;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _hardStop = new();
    private readonly InstanceDispatcher _orchestrations;
    private readonly InstanceDispatcher _entities;
    private readonly ActivityDispatcher _activities;
    private readonly Lock _stopGate = new();
    private Task[] _loops = [];
    private Task? _stop;
    private Task? _dispose;
    private int _state;

    /// <summary>Creates a worker. Call <see cref="StartAsync"/> to begin.</summary>
    public DurableWorker(IDurableStore store, DurableRegistry registry, DurableWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        _store = store;
        _options = options ?? new DurableWorkerOptions();
        _options.Validate();
        _logger = _options.LoggerFactory.CreateLogger<DurableWorker>();
        _cache = new OrchestrationStateCache(_options.StateCacheSize);
        var sdk = new SdkRunners(_options.DataConverter, _options.LoggerFactory);
        _orchestrations = new InstanceDispatcher(InstanceKind.Orchestration, store, registry, sdk, _cache, _options, _logger);
        _entities = new InstanceDispatcher(InstanceKind.Entity, store, registry, sdk, _cache, _options, _logger);
        _activities = new ActivityDispatcher(store, registry, sdk, _options, _logger, _hardStop.Token) { Orchestrations = _orchestrations };
        _orchestrations.Activities = _activities;
    }

    /// <summary>This worker's id (the owner of its leases).</summary>
    public string WorkerId => _options.WorkerId;

    /// <summary>How many orchestration states are cached in memory right now (bounded by <see cref="DurableWorkerOptions.StateCacheSize"/>).</summary>
    public int CachedOrchestrations => _cache.Count;

    /// <summary>How many activities are running right now.</summary>
    public int RunningActivities => _activities.RunningCount;

    /// <summary>Initializes the store and starts the dispatchers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The worker has already been started.");
        }

        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var token = _stopping.Token;
        _loops =
        [
            Task.Run(() => _orchestrations.RunAsync(token), CancellationToken.None),
            Task.Run(() => _activities.RunAsync(token), CancellationToken.None),
            Task.Run(() => _entities.RunAsync(token), CancellationToken.None),
        ];
        WorkerLog.Started(_logger, WorkerId);
    }

    /// <summary>Stops taking work, lets running work finish (up to the shutdown timeout), then cancels the rest.</summary>
    /// <remarks>Safe to call more than once and concurrently: every caller waits for the same stop.</remarks>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _state) == 0)
        {
            return Task.CompletedTask;
        }

        lock (_stopGate)
        {
            _stop ??= StopCoreAsync();
        }

        return _stop.WaitAsync(cancellationToken);
    }

    private async Task StopCoreAsync()
    {
        Interlocked.Exchange(ref _state, 2);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        var drain = Task.WhenAll(
            _orchestrations.DrainAsync(_options.ShutdownTimeout),
            _activities.DrainAsync(_options.ShutdownTimeout),
            _entities.DrainAsync(_options.ShutdownTimeout));
        await drain.ConfigureAwait(false);
        await _hardStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_orchestrations.WaitAllAsync(), _activities.WaitAllAsync(), _entities.WaitAllAsync()).ConfigureAwait(false);
        WorkerLog.Stopped(_logger, WorkerId);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Task dispose;
        lock (_stopGate)
        {
            _dispose ??= DisposeCoreAsync();
            dispose = _dispose;
        }

        await dispose.ConfigureAwait(false);
    }

    private async Task DisposeCoreAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _hardStop.Dispose();
        _orchestrations.Dispose();
        _entities.Dispose();
        _activities.Dispose();
    }
}
