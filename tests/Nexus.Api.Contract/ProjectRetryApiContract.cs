using System.Net;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary><c>POST /api/projects/{id}/retry</c>, run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive
/// from it).</summary>
public abstract class ProjectRetryApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Fact]
    public async Task Retry_FailedProjectWithRaisedLimit_Returns202WithManagementUrlsAndTheProjectCompletes_ThenRetryIs409()
    {
        using var client = _app.CreateApiClient();
        var id = await StartFailingAsync(client, "retry");

        var response = await client.PostJsonAsync($"/api/projects/{id}/retry", new { maxIterations = 4 });

        var body = await response.ShouldBeAsync(HttpStatusCode.Accepted);
        body.GetProperty("id").GetString().ShouldBe(id);
        response.Headers.Location!.ToString().ShouldEndWith($"/api/projects/{id}");
        response.Headers.RetryAfter.ShouldNotBeNull();
        body.GetProperty("statusQueryGetUri").GetString().ShouldBe(response.Headers.Location.ToString());
        body.GetProperty("terminatePostUri").GetString()!.ShouldEndWith($"/api/projects/{id}/terminate?reason={{text}}");
        body.GetProperty("purgeHistoryDeleteUri").GetString()!.ShouldEndWith($"/api/projects/{id}");
        await WaitForAsync(_app.Projects, id, v => v?.Request?.Retry is not null && !v.RuntimeStatus.IsActive(), "the retry's end");
        var ended = (await _app.Projects.GetAsync(id, cancellationToken: Ct))!;
        ended.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{ended.Failure?.Message} / phase {ended.Status?.Phase} / {ended.Status?.Reason}");
        var status = await (await client.GetAsync($"/api/projects/{id}", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        status.GetProperty("customStatus").GetProperty("retries").GetInt32().ShouldBe(1);
        var input = status.GetProperty("input");
        input.GetProperty("maxIterations").GetInt32().ShouldBe(4);
        input.GetProperty("retry").GetProperty("attempt").GetInt32().ShouldBe(1);
        input.GetProperty("retry").GetProperty("previousReason").GetString()!.ShouldStartWith("max iterations reached");

        var completed = await (await client.PostAsync($"/api/projects/{id}/retry", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        completed.GetProperty("detail").GetString().ShouldBe($"project {id} has completed; only a failed or terminated project can be retried");
    }

    [Fact]
    public async Task Retry_RunningProject_Returns409AndChangesNothing()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("retry-run")));
        await _app.Projects.WaitForPhaseAsync(id, ProjectPhases.Approval);

        var problem = await (await client.PostAsync($"/api/projects/{id}/retry", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString().ShouldBe(
            $"project {id} is running; only a failed or terminated project can be retried (it goes on by itself; 'nexus resume {id}' follows it)");
        var view = await _app.Projects.GetAsync(id, cancellationToken: Ct);
        view!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        view.Request!.Retry.ShouldBeNull();
        await (await client.PostAsync($"/api/projects/{id}/terminate", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Retry_UnknownProject_Returns404_AnInvalidId400()
    {
        using var client = _app.CreateApiClient();

        var problem = await (await client.PostAsync($"/api/projects/{NewId("none")}/retry", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostRawAsync("/api/projects/ghost/retry", """{"maxIterations": 0}""")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/projects/a%20b/retry", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldStartWith("No project with id");
    }

    [Theory]
    [InlineData("""{"maxIterations": 99}""", "maxIterations: must be between 1 and 20 (it is 99).")]
    [InlineData("""{"budgetUsd": -1}""", "budgetUsd: must be greater than 0.")]
    [InlineData("""{"maxIteration": 3}""", "The body must be a JSON object like")]
    [InlineData("""{"maxIteration": 3}""", "'maxIteration' is not a field of this body")]
    [InlineData("""{"maxIterations": "lots"}""", "'maxIterations' is not valid there")]
    [InlineData("""[1, 2""", "The body must be a JSON object like")]
    public async Task Retry_InvalidBodyOrLimit_Returns400NamingTheFieldAndKeepsTheProjectFailed(string body, string expected)
    {
        using var client = _app.CreateApiClient();
        var id = await StartFailingAsync(client, "retry-bad");

        var problem = await (await client.PostRawAsync($"/api/projects/{id}/retry", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain(expected);
        detail.ShouldNotContain("System.");
        detail.ShouldNotContain("Nexus.");
        (await _app.Projects.GetAsync(id, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
    }

    // The demo needs two iterations: with one allowed it fails ("max iterations reached").
    private async Task<string> StartFailingAsync(HttpClient client, string prefix)
    {
        var id = await client.StartAsync(new { description = "slugkit", id = NewId(prefix), provider = "replay", scenario = "demo", testCommand = "node --test", maxIterations = 1 });
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed);
        return id;
    }
}
