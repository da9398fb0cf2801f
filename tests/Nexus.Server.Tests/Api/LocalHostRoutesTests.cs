using System.Net;
using Nexus.Server.Tests.Support;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Api;

/// <summary>The routes only `nexus serve` has (the event stream and the local queue's state; the Function App has neither:
/// see the README's Function App section) answer an unknown project or message like the shared ones.</summary>
public sealed class LocalHostRoutesTests(SharedHost host)
{
    [Theory]
    [InlineData("GET", "/api/projects/nope-404/stream")]
    [InlineData("GET", "/api/queue/nope-404")]
    public async Task LocalOnlyRoute_Unknown_Returns404(string method, string url)
    {
        using var client = host.Factory.CreateApiClient();

        await (await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
