using Nexus.Api.Security;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Server.Hosting;

/// <summary>Starts the NEXUS runtime (store, workflow, worker) before anything else in the host starts, and stops it last.</summary>
internal sealed partial class NexusRuntimeService(NexusOptions options, ApiKeyStore apiKeys, ILogger<NexusRuntimeService> logger) : IHostedLifecycleService
{
    private readonly Lock _gate = new();
    private NexusRuntime? _runtime;
    private Task? _stopped;

    /// <summary>The started runtime.</summary>
    /// <exception cref="InvalidOperationException">The host has not started yet.</exception>
    public NexusRuntime Runtime => _runtime ?? throw new InvalidOperationException("The NEXUS runtime has not started.");

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Keys first: they join the runtime's secrets (its redactor and the commit scan) only if they are known at its start.
        apiKeys.Initialize();
        _runtime = await NexusRuntime.StartAsync(options, cancellationToken).ConfigureAwait(false);
        LogStarted(options.DataPath, options.RunWorker, options.SandboxMode);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The host may call this more than once (a stop requested by the app and the host's own stop): every call waits for
    // the one disposal.
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _stopped ??= StopRuntimeAsync();
        }
    }

    private async Task StopRuntimeAsync()
    {
        if (_runtime is { } runtime)
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            LogStopped();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "NEXUS runtime started on {DataPath} (worker: {RunWorker}; sandbox: {Sandbox})")]
    private partial void LogStarted(string dataPath, bool runWorker, string sandbox);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "NEXUS runtime stopped")]
    private partial void LogStopped();
}
