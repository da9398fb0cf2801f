using Nexus.Durable.Client;
using Nexus.Durable.Storage;
using Nexus.Durable.Testing;
using Xunit;

namespace Nexus.Durable.Tests.Client;

/// <summary>A <see cref="DurableTestHost"/> running <see cref="ClientTestFunctions"/>, optionally on a given store and clock.</summary>
internal sealed class SdkClientHost : IAsyncDisposable
{
    private SdkClientHost(DurableTestHost host) => Host = host;

    public DurableTestHost Host { get; }

    public NexusDurableTaskClient Client => Host.Client;

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
        return new SdkClientHost(host);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
