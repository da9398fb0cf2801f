using System.Net;
using Nexus.Api.Contract;
using Nexus.Server.Tests.Support;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Api;

/// <summary>The shared bad-input contract (tests/Nexus.Api.Contract) against `nexus serve` on a host of its own, and what only
/// its routing answers: an unknown route and a wrong method as problem details.</summary>
public sealed class BadInputTests(BadInputTests.EmptyHost host) : BadInputContract(host.App), IClassFixture<BadInputTests.EmptyHost>
{
    [Fact]
    public async Task UnknownRouteAndWrongMethod_Return404And405Problems()
    {
        using var client = host.App.CreateApiClient();

        await (await client.GetAsync("/api/nothing-here", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutAsync("/api/projects", new StringContent("{}"), Ct)).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    public sealed class EmptyHost : IAsyncLifetime
    {
        internal NexusAppFactory App { get; } = new();

        public ValueTask InitializeAsync()
        {
            _ = App.Server;
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            App.DeleteData();
        }
    }
}
