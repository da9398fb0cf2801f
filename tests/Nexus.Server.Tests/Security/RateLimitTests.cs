using System.Net;
using Nexus.Server.Tests.Support;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task ApiRoutes_OverThePerKeyLimit_Return429WithRetryAfterForThatKeyOnly()
    {
        await using var app = new NexusAppFactory(configure: o =>
        {
            o.RateLimitPermits = 3;
            o.RateLimitWindow = TimeSpan.FromMinutes(10);
        });
        try
        {
            using var limited = app.CreateApiClient();
            using var other = app.CreateApiClient(NexusAppFactory.OtherApiKey);
            for (var i = 0; i < 3; i++)
            {
                await (await limited.GetAsync("/api/agents/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);
            }

            var refused = await limited.GetAsync("/api/agents/status", Ct);

            await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeGreaterThan(0);
            await (await other.GetAsync("/api/agents/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);
            await (await limited.GetAsync("/healthz", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        }
        finally
        {
            app.DeleteData();
        }
    }
}
