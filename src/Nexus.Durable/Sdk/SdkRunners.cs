using Google.Protobuf.WellKnownTypes;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using P = Microsoft.DurableTask.Protobuf;

namespace Nexus.Durable.Sdk;

/// <summary>What the SDK's runners need from their host, built once per worker: the shim factory (entity support on,
/// NEXUS's JSON rules) behind a service provider, and the entity parameters every orchestration request carries.</summary>
/// <remarks>Both switches are required for entities (DURABLE-SDK.md): without the factory's entity support or without
/// <see cref="EntityParameters"/> an orchestration that touches an entity fails with NotSupportedException.</remarks>
internal sealed class SdkRunners : IServiceProvider
{
    public SdkRunners(Serialization.DataConverter converter, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(converter);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        DataConverter = SdkDataConverter.For(converter);
        Shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { EnableEntitySupport = true, DataConverter = DataConverter }, loggerFactory);
    }

    /// <summary>The SDK-side converter (delegates to NEXUS's).</summary>
    public Microsoft.DurableTask.DataConverter DataConverter { get; }

    /// <summary>Creates the SDK's activity and entity shims.</summary>
    public DurableTaskShimFactory Shims { get; }

    /// <summary>Sent with every orchestration request (how long entity messages may be reordered).</summary>
    public P.OrchestratorEntityParameters EntityParameters { get; } = new() { EntityMessageReorderWindow = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) };

    /// <inheritdoc/>
    public object? GetService(System.Type serviceType) => serviceType == typeof(DurableTaskShimFactory) ? Shims : null;
}
