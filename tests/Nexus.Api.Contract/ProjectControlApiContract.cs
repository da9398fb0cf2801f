using System.Net;
using Nexus.Durable;
using Nexus.Api.Contract.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary>The shared handlers' contract, run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive from it).</summary>
public abstract class ProjectControlApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Fact]
    public async Task Terminate_Running_Returns202ThenEveryControlReturns410()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("term")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        var response = await client.PostAsync($"/api/projects/{id}/terminate?reason=stop", null, Ct);

        await response.ShouldBeAsync(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().ShouldEndWith($"/api/projects/{id}");
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        foreach (var action in new[] { "terminate", "suspend", "resume" })
        {
            await (await client.PostAsync($"/api/projects/{id}/{action}", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Gone);
        }

        await (await client.PostRawAsync($"/api/projects/{id}/events/approval", "{\"approved\":true}")).ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task SuspendThenResume_Running_Returns202AndStatusFollows()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("susp")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        await (await client.PostAsync($"/api/projects/{id}/suspend?reason=lunch", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        var suspended = await (await client.GetAsync($"/api/projects/{id}", Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await client.PostAsync($"/api/projects/{id}/resume", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        suspended.GetProperty("runtimeStatus").GetString().ShouldBe("Suspended");
    }

    [Fact]
    public async Task RaiseEvent_ApprovalRejected_Returns202AndAriaReplans()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("evt")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        var response = await client.PostRawAsync($"/api/projects/{id}/events/approval", "{\"approved\":false,\"feedback\":\"Also support a custom separator.\"}");

        await response.ShouldBeAsync(HttpStatusCode.Accepted);
        await WaitForAsync(_app.Projects, id, v => v?.Status?.Agents["aria"].Turns == 2 && v.Status.Phase == ProjectPhases.Approval, "a second plan");
        var history = await _app.Projects.GetHistoryAsync(id, Ct);
        history.ShouldContain(e => e.Kind == Durable.History.EventKind.EventRaised && e.Name == "approval");
    }

    [Fact]
    public async Task RaiseEvent_ApprovalWhileNoGateWaits_Returns409NamingThePhaseAndSendsNothing()
    {
        using var client = _app.CreateApiClient();
        var id = NewId("nogate");
        await client.StartAsync(new { description = "slugkit", id, provider = "replay", scenario = "demo", approvePlan = true, replayDelaySeconds = 2 });
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        await (await client.PostRawAsync($"/api/projects/{id}/events/approval", "{\"approved\":true}")).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Implement);

        var problem = await (await client.PostRawAsync($"/api/projects/{id}/events/approval", "{\"approved\":true}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Code's turn alone takes 2 s: the phase is implement unless the machine stalls that long.
        problem.GetProperty("detail").GetString()!.ShouldMatch($"^project {id} is not waiting for approval \\(phase: (implement|write_tests|validate|review)\\)$");
        (await _app.Projects.GetHistoryAsync(id, Ct)).Count(e => e.Kind == Durable.History.EventKind.EventRaised).ShouldBe(1);
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    // Any string of a raised event's data, at any depth (and any property name), follows the rule of descriptions.
    [Fact]
    public async Task RaiseEvent_ControlCharacterAnywhereInTheData_Returns400NamingWhereAndTheEventIsNotSent()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("ctldata")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);
        (string Body, string Detail)[] refused =
        [
            ("\"red \\u001b[31m\"", "data: contains a control character (U+001B) at position 5; only newlines and tabs are allowed."),
            ("{\"note\": {\"lines\": [\"fine\", \"a\\u0000b\"]}}", "data.note.lines[1]: contains a control character (U+0000) at position 2; only newlines and tabs are allowed."),
            ("{\"x\\u001b\": 1}", "data (a property name): contains a control character (U+001B) at position 2; only newlines and tabs are allowed."),
            ("[1, {\"who\": \"\\u202eevil\"}]", "data[1].who: contains a bidirectional-text control character (U+202E) at position 1; only newlines and tabs are allowed."),
            ("{\"note\": \"back\\rover\"}", "data.note: contains a carriage return (U+000D) without a newline at position 5; only newlines (\\n or \\r\\n) and tabs are allowed."),
        ];

        foreach (var (body, detail) in refused)
        {
            var problem = await (await client.PostRawAsync($"/api/projects/{id}/events/operator-note", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("detail").GetString().ShouldBe(detail, body);
        }

        (await _app.Projects.GetAsync(id, includeHistory: true, Ct))!.History!.ShouldNotContain(e => e.Kind == Durable.History.EventKind.EventRaised);
        await (await client.PostRawAsync($"/api/projects/{id}/events/operator-note", "{\"note\": \"line one\\n\\tline two\\r\\n\"}"))
            .ShouldBeAsync(HttpStatusCode.Accepted);
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task RaiseEventAndTerminate_ControlCharacterOrAnotherGate_AreRefusedAndNothingIsSent()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("ctlevt")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        var feedback = await (await client.PostRawAsync($"/api/projects/{id}/events/approval", "{\"approved\":false,\"feedback\":\"ok\\u202e\"}"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var reason = await (await client.PostAsync($"/api/projects/{id}/terminate?reason=%1B%5B2J", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var otherGate = await (await client.PostRawAsync($"/api/projects/{id}/events/approval", "{\"approved\":true,\"gate\":2}"))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);

        feedback.GetProperty("detail").GetString().ShouldBe("feedback: contains a bidirectional-text control character (U+202E) at position 3; only newlines and tabs are allowed.");
        reason.GetProperty("detail").GetString().ShouldBe("reason: contains a control character (U+001B) at position 1; only newlines and tabs are allowed.");
        otherGate.GetProperty("detail").GetString().ShouldBe($"project {id} has no approval gate 2 yet (it waits at gate 1)");
        var view = (await _app.Projects.GetAsync(id, includeHistory: true, Ct))!;
        view.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        view.History!.ShouldNotContain(e => e.Kind == Durable.History.EventKind.EventRaised);
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"approved\": ")]
    [InlineData("{\"approved\": \"yes\"}")]
    [InlineData("{\"feedback\": \"missing approved\"}")]
    [InlineData("{\"approved\": true, \"extra\": 1}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task RaiseEvent_BodyNotApprovalJson_Returns400(string body)
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("badevt")));

        await (await client.PostRawAsync($"/api/projects/{id}/events/approval", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RaiseEvent_AnyWellNamedEvent_ReachesTheHistoryWithItsData_ABadNameIs400()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("anyevt")));
        await _app.Projects.WaitForPhaseAsync(id, "approval");

        await (await client.PostRawAsync($"/api/projects/{id}/events/operator.note", "{\"note\": \"seen\", \"level\": 3}")).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await client.PostRawAsync($"/api/projects/{id}/events/ping", string.Empty)).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await client.PostRawAsync($"/api/projects/{id}/events/-dash", "{}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        // Each change of the instance wakes the wait (the engine's notification), until both events are in the history.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await _app.Projects.GetAsync(id, includeHistory: true, Ct))!.History!.Count(e => e.Kind == Nexus.Durable.History.EventKind.EventRaised) < 2)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "both events should reach the history");
            await _app.Projects.WaitForChangeAsync(id, TimeSpan.FromMilliseconds(250), Ct);
        }

        var history = (await _app.Projects.GetAsync(id, includeHistory: true, Ct))!.History!;
        var note = history.Single(e => e.Kind == Nexus.Durable.History.EventKind.EventRaised && e.Name == "operator.note");
        note.Data.ShouldBe("{\"note\":\"seen\",\"level\":3}");
        history.Single(e => e.Kind == Nexus.Durable.History.EventKind.EventRaised && e.Name == "ping").Data.ShouldBeNull();
        (await _app.Projects.GetAsync(id, cancellationToken: Ct))!.Status!.Phase.ShouldBe("approval");
        await client.PostAsync($"/api/projects/{id}/terminate", null, Ct);
    }

    [Theory]
    [InlineData("POST", "/api/projects/nope-404/terminate")]
    [InlineData("POST", "/api/projects/nope-404/suspend")]
    [InlineData("POST", "/api/projects/nope-404/resume")]
    [InlineData("POST", "/api/projects/nope-404/restart")]
    [InlineData("DELETE", "/api/projects/nope-404")]
    [InlineData("GET", "/api/projects/nope-404/scratchpads")]
    [InlineData("GET", "/api/projects/nope-404/scratchpads/aria_to_code")]
    [InlineData("GET", "/api/projects/nope-404/commits")]
    [InlineData("GET", "/api/projects/nope-404/diff?from=abcd")]
    [InlineData("GET", "/api/projects/nope-404/agents")]
    [InlineData("GET", "/api/tasks/nope-404/status")]
    [InlineData("GET", "/api/tasks/nope-404/result")]
    [InlineData("DELETE", "/api/tasks/nope-404")]
    [InlineData("GET", "/api/agents/aria/session?projectId=nope-404")]
    public async Task AnyRoute_UnknownProject_Returns404(string method, string url)
    {
        using var client = _app.CreateApiClient();

        await (await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RaiseEvent_UnknownProject_Returns404()
    {
        using var client = _app.CreateApiClient();

        await (await client.PostRawAsync("/api/projects/nope-404/events/approval", "{\"approved\":true}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purge_RunningThenTerminated_Returns409Then200ThenItIsGone()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("purge")));

        await (await client.DeleteAsync($"/api/projects/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        var purged = await (await client.DeleteAsync($"/api/projects/{id}", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        purged.GetProperty("instancesDeleted").GetInt32().ShouldBe(1);
        await (await client.GetAsync($"/api/projects/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/projects/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
