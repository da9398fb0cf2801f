using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Nexus.Compatibility.Backends;

/// <summary>
/// Microsoft's in-process test host (<see cref="DurableTaskTestHost"/>, Microsoft.DurableTask.InProcessTestHost): an
/// in-memory orchestration service behind the gRPC sidecar, with the official worker and client.
/// </summary>
/// <remarks>
/// No entities (its sidecar has no entity RPCs). At its defaults it waits 500 ms whenever <c>ProcessorCount</c> work
/// items are in flight (PACKAGES.md): on 2 cores run it with <c>DOTNET_PROCESSOR_COUNT=1024</c> (the benchmark starts
/// it in a process of its own for that reason).
/// </remarks>
public sealed class MicrosoftInProcessBackend(Action<DurableTaskRegistry> registerTasks) : ICompatibilityBackend<MicrosoftInProcessBackend>
{
    private readonly Action<DurableTaskRegistry> _registerTasks = registerTasks ?? throw new ArgumentNullException(nameof(registerTasks));
    private DurableTaskTestHost? _host;

    public string Name => "Microsoft: in-process test host (in memory)";

    public DurableTaskClient Client => _host?.Client ?? throw new InvalidOperationException("The backend is not started.");

    public static ValueTask<MicrosoftInProcessBackend> CreateForTestsAsync(
        Action<DurableTaskRegistry> registerTasks, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new MicrosoftInProcessBackend(registerTasks));

    public async ValueTask StartAsync(CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The backend is already started.");
        }

        _host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                _registerTasks(registry);
                BackendWarmUp.Register(registry);
            },
            new DurableTaskTestHostOptions { LoggerFactory = NullLoggerFactory.Instance },
            cancellationToken);
        await BackendWarmUp.RunAsync(_host.Client, cancellationToken);
    }

    public async ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    public ValueTask DisposeAsync() => StopAsync(CancellationToken.None);
}
