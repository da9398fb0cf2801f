using System.Net;
using Nexus.Durable;
using Nexus.Api.Contract.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary>The shared handlers' contract, run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive from it).</summary>
public abstract class ProjectsApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Fact]
    public async Task Start_ValidBody_Returns202WithLocationRetryAfterAndManagementUris()
    {
        using var client = _app.CreateApiClient();
        var id = NewId("start");

        var response = await client.PostJsonAsync("/api/projects", Demo(id));

        var body = await response.ShouldBeAsync(HttpStatusCode.Accepted);
        body.GetProperty("id").GetString().ShouldBe(id);
        response.Headers.Location!.ToString().ShouldEndWith($"/api/projects/{id}");
        response.Headers.RetryAfter.ShouldNotBeNull();
        body.GetProperty("statusQueryGetUri").GetString().ShouldBe(response.Headers.Location.ToString());
        foreach (var (name, suffix) in new[]
        {
            ("sendEventPostUri", "/events/{eventName}"), ("terminatePostUri", "/terminate?reason={text}"), ("purgeHistoryDeleteUri", id),
            ("suspendPostUri", "/suspend?reason={text}"), ("resumePostUri", "/resume?reason={text}"), ("restartPostUri", "/restart"),
        })
        {
            body.GetProperty(name).GetString()!.ShouldEndWith(suffix);
        }

        (await _app.Projects.GetAsync(id, cancellationToken: Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Start_GatesAndMemoryInTheBody_AreRecordedOverTheHostsConfiguredGates()
    {
        using var client = _app.CreateApiClient();
        var id = NewId("gates");
        var configured = _app.Projects.Prepare(new ProjectRequest { Description = "x", Provider = "replay" }).Gates.ShouldNotBeNull();

        var response = await client.PostJsonAsync("/api/projects", new
        {
            description = "slugkit",
            id,
            provider = "replay",
            approvePlan = true,
            gates = new { security = false, minLineCoverage = 42.5 },
            memory = false,
        });

        await response.ShouldBeAsync(HttpStatusCode.Accepted);
        var request = (await _app.Projects.GetAsync(id, cancellationToken: Ct)).ShouldNotBeNull().Request.ShouldNotBeNull();
        request.Gates.ShouldBe(configured with { Security = false, MinLineCoverage = 42.5 });
        request.Memory.ShouldBe(false);
        request.GateChoice.ShouldBeNull();
    }

    [Theory]
    [InlineData("{\"description\": \"x\", \"gates\": {\"maxComplexity\": 0}}", "gates.maxComplexity: must be at least 1 (it is 0).")]
    [InlineData("{\"description\": \"x\", \"gates\": {\"minLineCoverage\": 120}}", "gates.minLineCoverage: must be between 0 and 100 (it is 120).")]
    [InlineData("{\"description\": \"x\", \"gates\": {\"coverage\": 50}}", "coverage")]
    [InlineData("{\"description\": \"x\", \"gates\": \"off\"}", "gates")]
    [InlineData("{\"description\": \"x\", \"memory\": \"no\"}", "memory")]
    public async Task Start_InvalidGatesOrMemory_Returns400NamingTheField(string body, string detail)
    {
        using var client = _app.CreateApiClient();

        var problem = await (await client.PostRawAsync("/api/projects", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(detail);
    }

    [Fact]
    public async Task Start_SameIdempotencyKey_ReturnsTheSameProjectOnce()
    {
        using var client = _app.CreateApiClient();
        var key = Guid.NewGuid().ToString("N");

        var first = await (await client.PostJsonAsync("/api/projects", Demo(), key)).ShouldBeAsync(HttpStatusCode.Accepted);
        var second = await (await client.PostJsonAsync("/api/projects", Demo(), key)).ShouldBeAsync(HttpStatusCode.Accepted);

        var id = first.GetProperty("id").GetString()!;
        second.GetProperty("id").GetString().ShouldBe(id);
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        var history = await _app.Projects.GetHistoryAsync(id, Ct);
        history.Count(e => e.Kind == Durable.History.EventKind.ExecutionStarted).ShouldBe(1);
    }

    [Fact]
    public async Task Start_IdOfARunningOrTerminatedProject_Returns409WithItsStatusAndChangesNothing()
    {
        using var client = _app.CreateApiClient();
        var running = await client.StartAsync(Demo(NewId("dup-run")));
        var stopped = await client.StartAsync(Demo(NewId("dup-stop")));
        await _app.Projects.WaitForPhaseAsync(running, ProjectPhases.Approval);
        await (await client.PostAsync($"/api/projects/{stopped}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(stopped, OrchestrationRuntimeStatus.Terminated);
        var stoppedHistory = (await _app.Projects.GetHistoryAsync(stopped, Ct)).Count;

        var toRunning = await (await client.PostJsonAsync("/api/projects", Demo(running))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var toStopped = await (await client.PostJsonAsync("/api/projects", Demo(stopped))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        toRunning.GetProperty("detail").GetString().ShouldStartWith($"Project '{running}' already exists and is Running");
        toRunning.GetProperty("runtimeStatus").GetString().ShouldBe("Running");
        toStopped.GetProperty("detail").GetString().ShouldStartWith($"Project '{stopped}' already exists (Terminated)");
        toStopped.GetProperty("detail").GetString()!.ShouldContain($"DELETE /api/projects/{stopped}");
        toStopped.GetProperty("detail").GetString()!.ShouldContain($"POST /api/projects/{stopped}/retry, or: nexus retry {stopped}");
        toStopped.GetProperty("detail").GetString()!.ShouldContain($"POST /api/projects/{stopped}/restart");
        toStopped.GetProperty("detail").GetString()!.ShouldContain($"nexus purge {stopped}");
        (await _app.Projects.GetAsync(running, cancellationToken: Ct))!.Status!.Phase.ShouldBe(ProjectPhases.Approval);
        (await _app.Projects.GetAsync(stopped, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        (await _app.Projects.GetHistoryAsync(stopped, Ct)).Count.ShouldBe(stoppedHistory);
        var runningStarts = (await _app.Projects.GetHistoryAsync(running, Ct)).Count(e => e.Kind == Durable.History.EventKind.ExecutionStarted);
        runningStarts.ShouldBe(1);
    }

    [Fact]
    public async Task Start_ConcurrentStartsOfOneNewId_OneWinsTheOther409()
    {
        using var client = _app.CreateApiClient();
        var id = NewId("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostJsonAsync("/api/projects", Demo(id))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
    }

    [Fact]
    public async Task Start_IdempotencyKeyReusedWithAnotherBody_Returns422()
    {
        using var client = _app.CreateApiClient();
        var key = Guid.NewGuid().ToString("N");
        await (await client.PostJsonAsync("/api/projects", Demo(), key)).ShouldBeAsync(HttpStatusCode.Accepted);

        var response = await client.PostJsonAsync("/api/projects", new { description = "something else", provider = "replay" }, key);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Start_SameIdempotencyKeyFromAnotherApiKey_StartsItsOwnProject()
    {
        using var alice = _app.CreateApiClient();
        using var bob = _app.CreateApiClient(ContractKeys.OtherApiKey);
        var key = Guid.NewGuid().ToString("N");

        var first = await (await alice.PostJsonAsync("/api/projects", Demo(), key)).ShouldBeAsync(HttpStatusCode.Accepted);
        var other = await (await bob.PostJsonAsync("/api/projects", Demo(), key)).ShouldBeAsync(HttpStatusCode.Accepted);
        var again = await (await alice.PostJsonAsync("/api/projects", Demo(), key)).ShouldBeAsync(HttpStatusCode.Accepted);

        var id = first.GetProperty("id").GetString()!;
        other.GetProperty("id").GetString().ShouldNotBe(id, "an Idempotency-Key belongs to the API key that used it");
        again.GetProperty("id").GetString().ShouldBe(id);
    }

    [Fact]
    public async Task Start_IdOfRunningProject_Returns409()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("dup")));

        var response = await client.PostJsonAsync("/api/projects", Demo(id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Get_RunningThenTerminated_Returns202Then200WithDurableShape()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("get")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        var running = await client.GetAsync($"/api/projects/{id}", Ct);
        var status = await running.ShouldBeAsync(HttpStatusCode.Accepted);
        running.Headers.RetryAfter.ShouldNotBeNull();
        status.GetProperty("name").GetString().ShouldBe("ProjectOrchestration");
        status.GetProperty("instanceId").GetString().ShouldBe(id);
        status.GetProperty("runtimeStatus").GetString().ShouldBe("Running");
        status.GetProperty("input").GetProperty("scenario").GetString().ShouldBe("demo");
        status.GetProperty("customStatus").GetProperty("phase").GetString().ShouldBe("approval");
        status.TryGetProperty("createdTime", out _).ShouldBeTrue();
        status.TryGetProperty("lastUpdatedTime", out _).ShouldBeTrue();
        status.TryGetProperty("historyEvents", out _).ShouldBeFalse();

        await (await client.PostAsync($"/api/projects/{id}/terminate?reason=enough", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);

        var done = await (await client.GetAsync($"/api/projects/{id}?showHistory=true&showHistoryOutput=true", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        done.GetProperty("runtimeStatus").GetString().ShouldBe("Terminated");
        done.GetProperty("output").GetString().ShouldBe("enough");
        var events = done.GetProperty("historyEvents").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("eventId").GetInt32()).ShouldBe(Enumerable.Range(0, events.Count));
        events.ShouldContain(e => e.GetProperty("eventType").GetString() == "ExecutionTerminated");
    }

    [Fact]
    public async Task Get_UnknownProject_Returns404()
    {
        using var client = _app.CreateApiClient();

        await (await client.GetAsync("/api/projects/does-not-exist", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_PrefixTopAndContinuationToken_PagesThroughEveryProjectOnce()
    {
        using var client = _app.CreateApiClient();
        var prefix = NewId("lst");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.StartAsync(Demo($"{prefix}-{i}")));
        }

        var first = await client.GetAsync($"/api/projects?instanceIdPrefix={prefix}&top=2", Ct);
        var page1 = (await first.ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().Select(p => p.GetProperty("instanceId").GetString()!).ToList();
        var token = first.Headers.GetValues("x-ms-continuation-token").Single();
        using var next = new HttpRequestMessage(HttpMethod.Get, $"/api/projects?instanceIdPrefix={prefix}&top=2");
        next.Headers.Add("x-ms-continuation-token", token);
        var second = await client.SendAsync(next, Ct);
        var page2 = (await second.ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().Select(p => p.GetProperty("instanceId").GetString()!).ToList();
        var viaQuery = (await (await client.GetAsync($"/api/projects?instanceIdPrefix={prefix}&top=2&continuationToken={Uri.EscapeDataString(token)}", Ct))
            .ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().Select(p => p.GetProperty("instanceId").GetString()!).ToList();

        page1.Count.ShouldBe(2);
        page1.Concat(page2).Order().ShouldBe(ids.Order());
        viaQuery.ShouldBe(page2);
        second.Headers.Contains("x-ms-continuation-token").ShouldBeFalse();
    }

    [Fact]
    public async Task List_RuntimeStatusAndCreatedTimeFilters_SelectMatchingProjects()
    {
        using var client = _app.CreateApiClient();
        var prefix = NewId("flt");
        var running = await client.StartAsync(Demo($"{prefix}-a"));
        var stopped = await client.StartAsync(Demo($"{prefix}-b"));
        await (await client.PostAsync($"/api/projects/{stopped}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(stopped, OrchestrationRuntimeStatus.Terminated);

        async Task<List<string>> ListAsync(string query) =>
            (await (await client.GetAsync($"/api/projects?instanceIdPrefix={prefix}&{query}", Ct)).ShouldBeAsync(HttpStatusCode.OK))
                .EnumerateArray().Select(p => p.GetProperty("instanceId").GetString()!).ToList();

        (await ListAsync("runtimeStatus=Terminated")).ShouldBe([stopped]);
        (await ListAsync("runtimeStatus=Pending,Running")).ShouldBe([running]);
        (await ListAsync("createdTimeFrom=2000-01-01T00:00:00Z&createdTimeTo=2999-01-01T00:00:00Z")).Count.ShouldBe(2);
        (await ListAsync("createdTimeTo=2000-01-01T00:00:00Z")).ShouldBeEmpty();
    }

    [Fact]
    public async Task List_OrderByCreatedTimeDesc_PagesNewestFirst()
    {
        using var client = _app.CreateApiClient();
        var prefix = NewId("ord");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.StartAsync(Demo($"{prefix}-{i}")));
        }

        var first = await client.GetAsync($"/api/projects?instanceIdPrefix={prefix}&orderBy=createdTime%20desc&top=2", Ct);
        var page1 = (await first.ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().Select(p => p.GetProperty("instanceId").GetString()!).ToList();
        using var next = new HttpRequestMessage(HttpMethod.Get, $"/api/projects?instanceIdPrefix={prefix}&orderBy=createdTime%20desc&top=2");
        next.Headers.Add("x-ms-continuation-token", first.Headers.GetValues("x-ms-continuation-token").Single());
        var page2 = (await (await client.SendAsync(next, Ct)).ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().Select(p => p.GetProperty("instanceId").GetString()!).ToList();

        var created = new List<(DateTimeOffset Time, string Id)>();
        foreach (var id in ids)
        {
            created.Add(((await _app.Projects.GetAsync(id, cancellationToken: Ct))!.CreatedTime, id));
        }

        page1.Concat(page2).ShouldBe(created.OrderByDescending(c => c.Time).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => c.Id));
        foreach (var id in ids)
        {
            await client.PostAsync($"/api/projects/{id}/terminate", null, Ct);
        }
    }

    [Theory]
    [InlineData("runtimeStatus=Sleeping")]
    [InlineData("runtimeStatus=7")]
    [InlineData("top=0")]
    [InlineData("top=1001")]
    [InlineData("top=many")]
    [InlineData("createdTimeFrom=yesterday")]
    [InlineData("continuationToken=%21%21not-a-token")]
    public async Task List_InvalidQuery_Returns400(string query)
    {
        using var client = _app.CreateApiClient();

        await (await client.GetAsync($"/api/projects?{query}", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Restart_FinishedProject_StartsItAgainWithTheSameRequest()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("rst")));
        await (await client.PostAsync($"/api/projects/{id}/restart", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);

        var response = await client.PostAsync($"/api/projects/{id}/restart", null, Ct);

        (await response.ShouldBeAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString().ShouldBe(id);
        (await client.GetAsync($"/api/projects/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }
}
