using System.Net;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nexus.Compatibility.Backends;

/// <summary>
/// Microsoft's gRPC sidecar — <see cref="TaskHubGrpcServer"/> from Microsoft.DurableTask.InProcessTestHost — over any
/// DurableTask.Core backend, served by Kestrel over HTTP/2 cleartext on a free loopback port.
/// </summary>
/// <remarks>
/// The server starts the backend (<see cref="IOrchestrationService.StartAsync"/>) and its dispatchers only once a
/// worker has opened its work-item stream, and it serves one worker stream at a time. It stops its dispatchers and the
/// backend on the host's ApplicationStopping without being awaited, so <see cref="DisposeAsync"/> stops the backend
/// itself as well.
/// </remarks>
public sealed class TaskHubSidecarHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IOrchestrationService _service;
    private bool _disposed;

    private TaskHubSidecarHost(WebApplication app, IOrchestrationService service, Uri address)
    {
        _app = app;
        _service = service;
        Address = address;
    }

    /// <summary>The sidecar's address, e.g. <c>http://127.0.0.1:41234</c>, for <c>GrpcChannel.ForAddress</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts a sidecar whose dispatchers use <paramref name="service"/> and whose client API uses <paramref name="client"/>.</summary>
    public static async Task<TaskHubSidecarHost> StartAsync(
        IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);

        // A singleton: the server keeps the worker's stream and the work items in flight between calls.
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new TaskHubSidecarHost(app, service, new Uri(address));
    }

    /// <summary>Stops the server, its dispatchers and the backend.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _service.StopAsync(isForced: true);
    }
}
