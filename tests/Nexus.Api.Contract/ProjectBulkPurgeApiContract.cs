using System.Net;
using System.Text.Json;
using Nexus.Durable;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary><c>POST /api/projects/purge</c> (bulk purge), run against both hosts (Nexus.Server.Tests and
/// Nexus.Functions.Tests derive from it). Each test works under a prefix of its own, so other tests' projects never match.</summary>
public abstract class ProjectBulkPurgeApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Fact]
    public async Task Ids_PurgeTheFinishedOnes_AndNameTheRunningAndUnknownAsSkipped()
    {
        using var client = _app.CreateApiClient();
        var prefix = NewId("bpids");
        var running = await client.StartAsync(Demo($"{prefix}-run"));
        var stopped = await StartTerminatedAsync(client, $"{prefix}-stop");

        var body = await (await client.PostJsonAsync("/api/projects/purge", new { ids = new[] { stopped, running, $"{prefix}-ghost", stopped } }))
            .ShouldBeAsync(HttpStatusCode.OK);

        body.GetProperty("instancesDeleted").GetInt32().ShouldBe(1);
        body.GetProperty("purged").EnumerateArray().Select(e => e.GetString()).ShouldBe([stopped]);
        var skipped = body.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("reason").GetString()!);
        skipped.Keys.ShouldBe([running, $"{prefix}-ghost"], ignoreOrder: true);
        skipped[running].ShouldBe("Running: only a finished project can be purged");
        skipped[$"{prefix}-ghost"].ShouldBe("no such project");
        (await _app.Projects.GetAsync(stopped, cancellationToken: Ct)).ShouldBeNull();
        (await _app.Projects.GetAsync(running, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        await (await client.PostAsync($"/api/projects/{running}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Filter_PurgesTheMatchingFinishedProjects_NeverARunningOne()
    {
        using var client = _app.CreateApiClient();
        var prefix = NewId("bpflt");
        var running = await client.StartAsync(Demo($"{prefix}-run"));
        var first = await StartTerminatedAsync(client, $"{prefix}-a");
        var second = await StartTerminatedAsync(client, $"{prefix}-b");
        var other = await StartTerminatedAsync(client, NewId("bpother"));

        // Created just now: none is older than a day, so that filter matches nothing.
        var none = await PurgeAsync(client, new { instanceIdPrefix = prefix, olderThanDays = 1 });
        var searched = await PurgeAsync(client, new { instanceIdPrefix = prefix, search = $"{prefix}-A" });
        var rest = await PurgeAsync(client, new { instanceIdPrefix = prefix, runtimeStatus = new[] { "Terminated", "Completed" } });

        none.GetProperty("instancesDeleted").GetInt32().ShouldBe(0);
        searched.GetProperty("purged").EnumerateArray().Select(e => e.GetString()).ShouldBe([first]);
        rest.GetProperty("purged").EnumerateArray().Select(e => e.GetString()).ShouldBe([second]);
        (await _app.Projects.GetAsync(running, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        (await _app.Projects.GetAsync(other, cancellationToken: Ct)).ShouldNotBeNull();
        await (await client.PostAsync($"/api/projects/{running}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("{}", "Give the ids to purge or at least one filter")]
    [InlineData("{\"ids\": [\"a\"], \"instanceIdPrefix\": \"a\"}", "Give either ids or a filter, not both.")]
    [InlineData("{\"runtimeStatus\": [\"Running\"]}", "runtimeStatus: 'Running' cannot be purged; only finished projects can: Completed, Failed, Terminated.")]
    [InlineData("{\"runtimeStatus\": [\"7\"]}", "runtimeStatus: '7' cannot be purged")]
    [InlineData("{\"olderThanDays\": 0}", "olderThanDays: must be a whole number from 1 to 36,500.")]
    [InlineData("{\"ids\": [\"../etc\"]}", "ids: '../etc' is not a project id")]
    [InlineData("{\"ids\": []}", "ids: give 1 to 1,000 project ids.")]
    [InlineData("{\"search\": \"a\\u001bb\"}", "search: must not contain control characters.")]
    [InlineData("{\"everything\": true}", "'everything' is not a field of this body")]
    [InlineData("{\"olderThanDays\": \"3\"}", "'olderThanDays' is not valid there")]
    [InlineData("{\"ids\": ", "The body must be a JSON object")]
    [InlineData("null", "The body must be a JSON object: {\"ids\": [...]} or a filter.")]
    public async Task InvalidBody_Returns400InTheProductsWords(string body, string expected)
    {
        using var client = _app.CreateApiClient();

        var problem = await (await client.PostRawAsync("/api/projects/purge", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain(expected);
        detail.ShouldNotContain("System.");
        detail.ShouldNotContain("Nexus.");
    }

    [Fact]
    public async Task NotJson_Returns415()
    {
        using var client = _app.CreateApiClient();

        await (await client.PostRawAsync("/api/projects/purge", "{\"ids\": [\"a\"]}", "text/plain")).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<string> StartTerminatedAsync(HttpClient client, string id)
    {
        await client.StartAsync(Demo(id));
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        return id;
    }

    private static async Task<JsonElement> PurgeAsync(HttpClient client, object filter) =>
        await (await client.PostJsonAsync("/api/projects/purge", filter)).ShouldBeAsync(HttpStatusCode.OK);
}
