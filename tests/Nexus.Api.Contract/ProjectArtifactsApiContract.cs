using System.Net;
using Nexus.Durable.Client;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary>Artifacts of a project parked at the approval gate after Aria's plan — scratchpads, commits, diffs, agent
/// sessions and a conversation turn — run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive from it).</summary>
public abstract class ProjectArtifactsApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    private async Task<(HttpClient Client, string Id)> PlannedAsync()
    {
        var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("art")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        return (client, id);
    }

    [Fact]
    public async Task Scratchpads_AfterPlan_ListAndReadAriaToCode()
    {
        var (client, id) = await PlannedAsync();
        using var _ = client;

        var pads = await (await client.GetAsync($"/api/projects/{id}/scratchpads", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        var pad = await (await client.GetAsync($"/api/projects/{id}/scratchpads/aria_to_code", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        pads.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldContain("aria_to_code");
        pad.GetProperty("markdown").GetString()!.ShouldContain("[replay]");
        await (await client.GetAsync($"/api/projects/{id}/scratchpads/beta_to_aria", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/projects/{id}/scratchpads/..%2Fapi-key", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/projects/{id}/scratchpads/Aria", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CommitsAndDiff_AfterPlan_ShowAriasCommitAndItsPlan()
    {
        var (client, id) = await PlannedAsync();
        using var _ = client;

        var commits = (await (await client.GetAsync($"/api/projects/{id}/commits", Ct)).ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        commits.Select(c => c.GetProperty("authorName").GetString()).ShouldBe(["NEXUS", "Aria"]);
        var from = commits[0].GetProperty("id").GetString();
        var to = commits[1].GetProperty("id").GetString();
        var diff = await (await client.GetAsync($"/api/projects/{id}/diff?from={from}&to={to}", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        diff.GetProperty("diff").GetString()!.ShouldContain("PLAN.md");
        await (await client.GetAsync($"/api/projects/{id}/diff", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/projects/{id}/diff?from=--output=/tmp/x", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/projects/{id}/diff?from=HEAD~1", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/projects/{id}/diff?from=deadbeefdeadbeef", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AgentsAndSession_AfterPlan_AriaHasOneTurnAndCodeNone()
    {
        var (client, id) = await PlannedAsync();
        using var _ = client;

        await WaitForEntityTurnsAsync(id, "aria", 1);
        var agents = await (await client.GetAsync($"/api/projects/{id}/agents", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        var aria = await (await client.GetAsync($"/api/agents/aria/session?projectId={id}", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        agents.EnumerateArray().ShouldContain(a => a.GetProperty("agent").GetString() == "aria" && a.GetProperty("turns").GetInt32() == 1);
        aria.GetProperty("backend").GetString().ShouldBe("replay");
        await (await client.GetAsync($"/api/agents/code/session?projectId={id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/agents/nobody/session?projectId={id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/agents/aria/session", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AgentsStatus_ListsTheTeam()
    {
        using var client = _app.CreateApiClient();

        var team = await (await client.GetAsync("/api/agents/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        team.EnumerateArray().Select(a => a.GetProperty("agentId").GetString()).ShouldBe(["prime", "aria", "code", "alpha", "beta"]);
        team.EnumerateArray().ShouldAllBe(a => a.GetProperty("status").GetString() == "idle" || a.GetProperty("status").GetString() == "busy");
    }

    [Fact]
    public async Task MessageAgent_AriaInAProject_RepliesAndRecordsTheTurnDurably()
    {
        var (client, id) = await PlannedAsync();
        using var _ = client;
        await WaitForEntityTurnsAsync(id, "aria", 1);

        var reply = await (await client.PostJsonAsync("/api/agents/aria/message", new { projectId = id, message = "Why this separator?" })).ShouldBeAsync(HttpStatusCode.OK);

        reply.GetProperty("reply").GetString()!.ShouldStartWith("[replay]");
        var chatId = reply.GetProperty("chatId").GetString()!;
        var chat = await _app.Projects.Durable.GetInstanceAsync(chatId, Ct);
        chat!.RuntimeStatus.ShouldBe(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed);
        (await ((NexusDurableTaskClient)_app.Projects.Durable).GetHistoryAsync(chatId, Ct)).ShouldContain(e => e.Kind == Durable.History.EventKind.TaskCompleted);
        await WaitForEntityTurnsAsync(id, "aria", 2);
        (await _app.Projects.GetCommitsAsync(id, Ct)).Count.ShouldBe(2, "a conversation never changes the workspace");
        (await (await client.GetAsync($"/api/projects/{id}", Ct)).ShouldBeAsync(HttpStatusCode.Accepted))
            .GetProperty("customStatus").GetProperty("phase").GetString().ShouldBe("approval");
    }

    [Theory]
    [InlineData("aria", "{\"message\":\"hi\"}", HttpStatusCode.BadRequest)]
    [InlineData("aria", "{\"projectId\":\"x\"}", HttpStatusCode.BadRequest)]
    [InlineData("aria", "{\"projectId\":\"nope-404\",\"message\":\"hi\"}", HttpStatusCode.NotFound)]
    [InlineData("aria", "{\"projectId\":\"a/b\",\"message\":\"hi\"}", HttpStatusCode.BadRequest)]
    [InlineData("aria", "{\"projectId\":1,\"message\":\"hi\"}", HttpStatusCode.BadRequest)]
    [InlineData("mallory", "{\"projectId\":\"x\",\"message\":\"hi\"}", HttpStatusCode.NotFound)]
    public async Task MessageAgent_BadInput_Returns4xx(string agent, string body, HttpStatusCode status)
    {
        using var client = _app.CreateApiClient();

        await (await client.PostRawAsync($"/api/agents/{agent}/message", body)).ShouldBeProblemAsync(status);
    }

    [Fact]
    public async Task MessageAgent_ControlCharacterInMessage_Returns400AndStartsNoConversation()
    {
        var (client, id) = await PlannedAsync();
        using var _ = client;

        var problem = await (await client.PostJsonAsync("/api/agents/aria/message", new { projectId = id, message = "why\u001b[8m?" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().ShouldBe("message: contains a control character (U+001B) at position 4; only newlines and tabs are allowed.");
        (await _app.Projects.Durable.ListInstanceIdsAsync(pageSize: 10, cancellation: Ct)).Values.ShouldNotContain(i => i.StartsWith($"chat-{id}-", StringComparison.Ordinal));
    }

    private async Task WaitForEntityTurnsAsync(string id, string agent, int turns) =>
        await UntilAsync(
            async () => (await _app.Projects.GetAgentsAsync(id, Ct)).Any(a => a.Agent == agent && a.Turns == turns),
            $"{agent} has {turns} turns");
}
