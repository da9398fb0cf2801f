using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary>A project the team finished (the demo, its plan approved over the API), read back through the API and never
/// replaced by a start with its id; run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive from it).
/// One demo run per host, shared by the tests of this class.</summary>
public abstract class CompletedProjectApiContract(IApiHost app)
{
    private static readonly ConcurrentDictionary<IApiHost, Lazy<Task<string>>> Runs = new();

    [Fact]
    public async Task Get_Completed_Returns200WithTheReportAsOutput()
    {
        var id = await CompletedAsync();
        using var client = app.CreateApiClient();

        var status = await (await client.GetAsync($"/api/projects/{id}?showInput=false", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        status.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        status.GetProperty("input").ValueKind.ShouldBe(JsonValueKind.Null);
        status.GetProperty("output").GetProperty("tests").GetProperty("passed").GetInt32().ShouldBe(14);
        status.GetProperty("customStatus").GetProperty("phase").GetString().ShouldBe("done");
    }

    [Fact]
    public async Task TaskResult_Completed_Returns200WithTheReport()
    {
        var id = await CompletedAsync();
        using var client = app.CreateApiClient();

        var result = await (await client.GetAsync($"/api/tasks/{id}/result", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        result.GetProperty("status").GetString().ShouldBe("completed");
        result.GetProperty("result").GetProperty("iterations").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task CommitsAndDiff_Completed_TellTheTeamsStory()
    {
        var id = await CompletedAsync();
        using var client = app.CreateApiClient();

        var commits = (await (await client.GetAsync($"/api/projects/{id}/commits", Ct)).ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        var first = commits[0].GetProperty("id").GetString();
        var last = commits[^1].GetProperty("id").GetString();
        var diff = await (await client.GetAsync($"/api/projects/{id}/diff?from={first}&to={last}", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        commits.Select(c => c.GetProperty("authorName").GetString()).ShouldBe(["NEXUS", "Aria", "Code", "Alpha", "Code"]);
        diff.GetProperty("diff").GetString()!.ShouldContain("slugify");
    }

    [Fact]
    public async Task Start_IdOfTheCompletedProject_Returns409NamingPurgeAndChangesNothing()
    {
        var id = await CompletedAsync();
        using var client = app.CreateApiClient();
        var before = await SnapshotAsync(id);
        var body = new { description = "replace the finished project", id, provider = "replay", scenario = "demo" };

        var projects = await (await client.PostJsonAsync("/api/projects", body)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var keyed = await (await client.PostJsonAsync("/api/projects", body, Guid.NewGuid().ToString("N"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var tasks = await (await client.PostJsonAsync("/api/tasks/create", body)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        foreach (var problem in new[] { projects, keyed, tasks })
        {
            var detail = problem.GetProperty("detail").GetString()!;
            detail.ShouldStartWith($"Project '{id}' already exists (Completed)");
            detail.ShouldContain($"DELETE /api/projects/{id}");
            detail.ShouldContain($"nexus purge {id}");
            detail.ShouldContain($"POST /api/projects/{id}/restart, or: nexus restart {id}");
            detail.ShouldNotContain("retry", Case.Sensitive, "a completed project cannot be retried");
            problem.GetProperty("instanceId").GetString().ShouldBe(id);
            problem.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        }

        (await SnapshotAsync(id)).ShouldBe(before);
    }

    /// <summary>The id of this host's finished demo project (run once per host).</summary>
    protected Task<string> CompletedAsync() => Runs.GetOrAdd(app, host => new Lazy<Task<string>>(() => RunDemoAsync(host))).Value;

    // What a replacement would change: status, last update, history length and the report.
    private async Task<string> SnapshotAsync(string id)
    {
        var view = (await app.Projects.GetAsync(id, includeHistory: true, Ct)).ShouldNotBeNull();
        return JsonSerializer.Serialize(new { view.RuntimeStatus, view.LastUpdatedTime, HistoryLength = view.History!.Count, view.Report });
    }

    private static async Task<string> RunDemoAsync(IApiHost host)
    {
        var id = NewId("done");
        using var client = host.CreateApiClient();
        await client.StartAsync(Demo(id));
        await host.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        await (await client.PostRawAsync($"/api/projects/{id}/events/approval", "{\"approved\":true}")).ShouldBeAsync(HttpStatusCode.Accepted);
        await host.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        return id;
    }
}
