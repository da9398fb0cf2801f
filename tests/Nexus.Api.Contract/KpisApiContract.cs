using System.Net;
using System.Text.Json;
using Nexus.Durable;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary><c>GET /api/kpis</c> on a host other tests share, run against both hosts (Nexus.Server.Tests and
/// Nexus.Functions.Tests derive from it): what this test adds is counted (other tests start and purge projects meanwhile).</summary>
public abstract class KpisApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Fact]
    public async Task Kpis_CountATerminatedProject_AndListTheTeamInOrder()
    {
        using var client = _app.CreateApiClient();
        var before = await (await client.GetAsync("/api/kpis", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        var id = await client.StartAsync(Demo(NewId("kpi")));
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);

        var after = await (await client.GetAsync("/api/kpis", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        after.GetProperty("projects").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        after.GetProperty("byStatus").GetProperty("Terminated").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        after.GetProperty("completionRate").ValueKind.ShouldBe(JsonValueKind.Number);
        after.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agent").GetString()).ShouldBe(["prime", "aria", "code", "alpha", "beta"]);
        after.GetProperty("at").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(before.GetProperty("at").GetDateTimeOffset());
        // The local host reports its worker's uptime; the Function App's HTTP functions run no worker of their own.
        after.GetProperty("uptimeSeconds").ValueKind.ShouldBeOneOf(JsonValueKind.Number, JsonValueKind.Null);
    }
}
