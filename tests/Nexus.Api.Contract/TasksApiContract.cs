using System.Net;
using Nexus.Durable;
using Nexus.Api.Contract.Support;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Api.Contract;

/// <summary>The shared handlers' contract, run against both hosts (Nexus.Server.Tests and Nexus.Functions.Tests derive from it).</summary>
public abstract class TasksApiContract(IApiHost app)
{
    private readonly IApiHost _app = app;

    [Fact]
    public async Task CreateStatusResultCancel_OriginalEndpoints_BehaveAsAliasesOfProjects()
    {
        using var client = _app.CreateApiClient();

        var created = await (await client.PostJsonAsync("/api/tasks/create", Demo())).ShouldBeAsync(HttpStatusCode.Accepted);
        var id = created.GetProperty("taskId").GetString()!;
        var status = await (await client.GetAsync($"/api/tasks/{id}/status", Ct)).ShouldBeAsync(HttpStatusCode.OK);
        var pending = await client.GetAsync($"/api/tasks/{id}/result", Ct);
        await pending.ShouldBeAsync(HttpStatusCode.Accepted);
        await (await client.DeleteAsync($"/api/tasks/{id}", Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        var result = await (await client.GetAsync($"/api/tasks/{id}/result", Ct)).ShouldBeAsync(HttpStatusCode.OK);

        created.GetProperty("status").GetString().ShouldBe("accepted");
        created.GetProperty("statusUri").GetString()!.ShouldEndWith($"/api/tasks/{id}/status");
        status.GetProperty("status").GetString().ShouldBeOneOf("pending", "running");
        pending.Headers.RetryAfter.ShouldNotBeNull();
        result.GetProperty("status").GetString().ShouldBe("terminated");
        result.GetProperty("error").GetString()!.ShouldContain("cancelled");
        await (await client.DeleteAsync($"/api/tasks/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Gone);
        (await _app.Projects.GetAsync(id, cancellationToken: Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Create_InvalidBody_Returns400AndStartsNothing()
    {
        using var client = _app.CreateApiClient();
        var id = NewId("badtask");

        await (await client.PostJsonAsync("/api/tasks/create", new { id, description = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await _app.Projects.GetAsync(id, cancellationToken: Ct)).ShouldBeNull();
    }
}
