using System.Net;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary><c>GET /api/entities</c>, run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive from it).</summary>
public abstract class EntitiesApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Fact]
    public async Task AgentSessionsOfAProject_AfterThePlan_AriasSessionWithItsState()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("ent")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        await UntilAsync(async () => (await _app.Projects.GetAgentsAsync(id, Ct)).Any(a => a.Agent == "aria"), "aria's session is stored");

        var sessions = await (await client.GetAsync($"/api/entities?name=agentsession&projectId={id}", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        var aria = sessions.EnumerateArray().Single(e => e.GetProperty("key").GetString() == $"{id}:aria");
        aria.GetProperty("name").GetString().ShouldBe("agentsession");
        aria.GetProperty("projectId").GetString().ShouldBe(id);
        aria.GetProperty("state").GetProperty("turns").GetInt32().ShouldBe(1);
        sessions.EnumerateArray().ShouldAllBe(e => e.GetProperty("projectId").GetString() == id);
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Top_PagesWithTheContinuationToken_InHeaderOrQuery_NeverRepeatingAnEntity()
    {
        using var client = _app.CreateApiClient();
        var ids = new[] { await client.StartAsync(Demo(NewId("entpg"))), await client.StartAsync(Demo(NewId("entpg"))) };
        foreach (var id in ids)
        {
            await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
            await UntilAsync(async () => (await _app.Projects.GetAgentsAsync(id, Ct)).Any(a => a.Agent == "aria"), $"aria's session in {id}");
        }

        var first = await client.GetAsync("/api/entities?name=agentsession&top=1", Ct);
        var page1 = await first.ShouldBeAsync(HttpStatusCode.OK);
        var token = first.Headers.GetValues("x-ms-continuation-token").Single();
        using var next = new HttpRequestMessage(HttpMethod.Get, "/api/entities?name=agentsession&top=1");
        next.Headers.Add("x-ms-continuation-token", token);
        var page2 = await (await client.SendAsync(next, Ct)).ShouldBeAsync(HttpStatusCode.OK);
        var viaQuery = await (await client.GetAsync($"/api/entities?name=agentsession&top=1&continuationToken={Uri.EscapeDataString(token)}", Ct))
            .ShouldBeAsync(HttpStatusCode.OK);

        page1.GetArrayLength().ShouldBe(1);
        page2.GetArrayLength().ShouldBe(1);
        page2[0].GetProperty("key").GetString().ShouldNotBe(page1[0].GetProperty("key").GetString());
        viaQuery[0].GetProperty("key").GetString().ShouldBe(page2[0].GetProperty("key").GetString());
        foreach (var id in ids)
        {
            await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        }
    }

    [Theory]
    [InlineData("name=counter", "name: one of agentsession, scratchpads.")]
    [InlineData("projectId=p-1", "projectId: give the entity name too (agentsession or scratchpads).")]
    [InlineData("name=agentsession&projectId=a%2Fb", "projectId: a project id is 1–64 ASCII letters, digits, '_' or '-'.")]
    [InlineData("top=0", "top: must be between 1 and 1000.")]
    [InlineData("top=1001", "top: must be between 1 and 1000.")]
    [InlineData("top=many", "top: 'many' is not a whole number.")]
    [InlineData("continuationToken=%21%21not-a-token", "The continuation token is not valid.")]
    public async Task InvalidQuery_Returns400NamingTheParameter(string query, string detail)
    {
        using var client = _app.CreateApiClient();

        var problem = await (await client.GetAsync($"/api/entities?{query}", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().ShouldBe(detail);
    }
}
