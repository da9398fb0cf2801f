using System.Net;
using Nexus.Durable;
using Nexus.Server.Tests.Support;
using Nexus.Workflows.Model;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Api;

public sealed class ProjectRetryApiTests(SharedHost host)
{
    private readonly NexusAppFactory _app = host.Factory;

    [Fact]
    public async Task Retry_FailedProjectWithRaisedLimit_Returns202AndTheProjectCompletes()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(new { description = "slugkit", id = NewId("retry"), provider = "replay", scenario = "demo", testCommand = "node --test", maxIterations = 1 });
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed);

        var response = await client.PostJsonAsync($"/api/projects/{id}/retry", new { maxIterations = 4 });

        var body = await response.ShouldBeAsync(HttpStatusCode.Accepted);
        body.GetProperty("id").GetString().ShouldBe(id);
        response.Headers.Location!.ToString().ShouldEndWith($"/api/projects/{id}");
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        var status = await (await client.GetAsync($"/api/projects/{id}", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        status.GetProperty("customStatus").GetProperty("retries").GetInt32().ShouldBe(1);
        var input = status.GetProperty("input");
        input.GetProperty("maxIterations").GetInt32().ShouldBe(4);
        input.GetProperty("retry").GetProperty("attempt").GetInt32().ShouldBe(1);
        input.GetProperty("retry").GetProperty("previousReason").GetString()!.ShouldStartWith("max iterations reached");
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
    }

    [Fact]
    public async Task Retry_UnknownProject_Returns404()
    {
        using var client = _app.CreateApiClient();

        var problem = await (await client.PostAsync($"/api/projects/{NewId("none")}/retry", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString()!.ShouldStartWith("No project with id");
    }

    [Theory]
    [InlineData("""{"maxIterations": 99}""", "maxIterations: must be between 1 and 20 (it is 99).")]
    [InlineData("""{"budgetUsd": -1}""", "budgetUsd: must be greater than 0.")]
    [InlineData("""{"maxIteration": 3}""", "The body must be a JSON object like")]
    [InlineData("""{"maxIterations": "lots"}""", "'maxIterations' is not valid there")]
    [InlineData("""[1, 2""", "The body must be a JSON object like")]
    public async Task Retry_InvalidBody_Returns400NamingTheFieldAndKeepsTheProjectFailed(string body, string expected)
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(new { description = "slugkit", id = NewId("retry-bad"), provider = "replay", scenario = "demo", testCommand = "node --test", maxIterations = 1 });
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed);

        var problem = await (await client.PostRawAsync($"/api/projects/{id}/retry", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain(expected);
        detail.ShouldNotContain("System.");
        (await _app.Projects.GetAsync(id, cancellationToken: Ct))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
    }
}
