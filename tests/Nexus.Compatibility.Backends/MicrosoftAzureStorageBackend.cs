using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nexus.Testing.Azurite;

namespace Nexus.Compatibility.Backends;

/// <summary>
/// Microsoft's own stack: the official Microsoft.DurableTask worker and gRPC client, connected to
/// <see cref="TaskHubSidecarHost"/> (Microsoft's <c>TaskHubGrpcServer</c>) over
/// <see cref="AzureStorageOrchestrationService"/> (Microsoft.Azure.DurableTask.AzureStorage).
/// </summary>
/// <remarks>Reusable outside the tests (a benchmark): construct it with any storage account and task hub.</remarks>
public sealed class MicrosoftAzureStorageBackend : ICompatibilityBackend<MicrosoftAzureStorageBackend>
{
    private readonly MicrosoftAzureStorageBackendOptions _options;
    private readonly Action<DurableTaskRegistry> _registerTasks;
    private AzureStorageOrchestrationService? _service;
    private TaskHubSidecarHost? _sidecar;
    private GrpcChannel? _channel;
    private IHost? _workerHost;
    private DurableTaskClient? _client;

    /// <summary>Creates an unstarted backend whose worker runs the tasks <paramref name="registerTasks"/> registers.</summary>
    public MicrosoftAzureStorageBackend(MicrosoftAzureStorageBackendOptions options, Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registerTasks);
        ArgumentException.ThrowIfNullOrEmpty(options.ConnectionString);
        ArgumentException.ThrowIfNullOrEmpty(options.TaskHubName);
        _options = options;
        _registerTasks = registerTasks;
    }

    public string Name => "Microsoft: TaskHubGrpcServer over Azure Storage (Azurite)";

    /// <summary>The task hub this backend's queues, tables and containers are named after.</summary>
    public string TaskHubName => _options.TaskHubName;

    public DurableTaskClient Client => _client ?? throw new InvalidOperationException("The backend is not started.");

    /// <summary>A backend on the process-wide Azurite (<see cref="AzuriteServer"/>) with a task hub of its own.</summary>
    public static async ValueTask<MicrosoftAzureStorageBackend> CreateForTestsAsync(
        Action<DurableTaskRegistry> registerTasks, CancellationToken cancellationToken = default)
    {
        AzuriteServer azurite = await AzuriteServer.GetAsync().WaitAsync(cancellationToken);
        var options = new MicrosoftAzureStorageBackendOptions
        {
            ConnectionString = azurite.ConnectionString,
            TaskHubName = AzuriteServer.UniqueName("compat"),
        };
        return new MicrosoftAzureStorageBackend(options, registerTasks);
    }

    public async ValueTask StartAsync(CancellationToken cancellationToken = default)
    {
        if (_service is not null)
        {
            throw new InvalidOperationException("The backend is already started.");
        }

        try
        {
            await StartCoreAsync(cancellationToken);
        }
        catch
        {
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    public async ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        _client = null;
        if (_workerHost is not null)
        {
            await _workerHost.StopAsync(cancellationToken);
            _workerHost.Dispose();
            _workerHost = null;
        }

        if (_channel is not null)
        {
            await _channel.ShutdownAsync();
            _channel.Dispose();
            _channel = null;
        }

        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
            _sidecar = null;
        }

        _service = null;
    }

    public ValueTask DisposeAsync() => StopAsync(CancellationToken.None);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(_options.ConnectionString),
            TaskHubName = _options.TaskHubName,
            PartitionCount = _options.PartitionCount,
            MaxQueuePollingInterval = _options.MaxQueuePollingInterval,
            LoggerFactory = _options.LoggerFactory,
        });
        await _service.CreateIfNotExistsAsync();
        _sidecar = await TaskHubSidecarHost.StartAsync(
            new SidecarHistoryRepairingService(_service), _service, _options.LoggerFactory, cancellationToken);
        _channel = GrpcChannel.ForAddress(_sidecar.Address);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(_options.LoggerFactory);
        builder.Services.AddLogging();
        GrpcChannel channel = _channel;
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry =>
            {
                _registerTasks(registry);
                BackendWarmUp.Register(registry);
            });
            worker.UseGrpc(channel);
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
        _workerHost = builder.Build();
        await _workerHost.StartAsync(cancellationToken);
        _client = _workerHost.Services.GetRequiredService<DurableTaskClient>();

        // The sidecar starts the storage service (and takes the partition lease) only once the worker's stream is open:
        // one tiny orchestration proves the whole path before the first scenario is timed.
        await BackendWarmUp.RunAsync(_client, cancellationToken);
    }
}
