using Microsoft.DurableTask.Client;

namespace Nexus.Compatibility.Backends;

/// <summary>
/// A Durable Task backend the compatibility scenarios run on: a store and an engine executing the registered
/// Microsoft.DurableTask orchestrators and activities, reached through the SDK's own <see cref="DurableTaskClient"/>.
/// </summary>
/// <remarks>
/// Contract: <see cref="StartAsync"/> returns once orchestrations started through <see cref="Client"/> make progress
/// (a backend warms itself up before it returns, so that what follows measures scenarios, not start-up);
/// <see cref="Client"/> is usable between <see cref="StartAsync"/> and <see cref="StopAsync"/>;
/// <see cref="StopAsync"/> stops the engine and releases the store; <see cref="IAsyncDisposable.DisposeAsync"/> stops
/// it when still running and is safe to call more than once. Each instance owns its own task hub or store, so two
/// instances never see each other's orchestrations.
/// </remarks>
public interface ICompatibilityBackend : IAsyncDisposable
{
    /// <summary>A short name for reports, e.g. "Microsoft (Azure Storage on Azurite)".</summary>
    string Name { get; }

    /// <summary>The client of this backend; throws before <see cref="StartAsync"/>.</summary>
    DurableTaskClient Client { get; }

    /// <summary>Starts the store, the engine and the client, and returns once orchestrations run.</summary>
    ValueTask StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops the client and the engine.</summary>
    ValueTask StopAsync(CancellationToken cancellationToken = default);
}
