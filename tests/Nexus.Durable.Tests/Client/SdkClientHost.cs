using Nexus.Durable.Client;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Xunit;

namespace Nexus.Durable.Tests.Client;

/// <summary>Today's engine (a <see cref="DurableTestHost"/> running <see cref="ClientTestFunctions"/>) with the SDK client
/// over its store.</summary>
internal sealed class SdkClientHost : IAsyncDisposable
{
    private SdkClientHost(DurableTestHost host, NexusDurableTaskClient client)
    {
        Host = host;
        Client = client;
    }

    public DurableTestHost Host { get; }

    public NexusDurableTaskClient Client { get; }

    public IDurableStore Store => Host.Store;

    public static async Task<SdkClientHost> StartAsync(IDurableStore? store = null, TimeProvider? clock = null)
    {
        var host = await DurableTestHost.StartAsync(
            ClientTestFunctions.Register,
            o =>
            {
                if (clock is not null)
                {
                    o.TimeProvider = clock;
                }
            },
            store,
            TestContext.Current.CancellationToken);
        return new SdkClientHost(host, new NexusDurableTaskClient("test", host.Store, timeProvider: clock));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Host.DisposeAsync();
    }
}
