using System.Net;
using Nexus.Durable;
using Nexus.Server.Tests.Support;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Api;

/// <summary>A real failure inside the host (a project's git workspace broken on disk) is a 500 problem details that says
/// nothing about the inside: no exception type, no stack trace, no path.</summary>
public sealed class ServerErrorTests(SharedHost host)
{
    private readonly NexusAppFactory _app = host.Factory;

    [Fact]
    public async Task Commits_WorkspaceBrokenOnDisk_Returns500ProblemDetailsWithoutInternals()
    {
        using var client = _app.CreateApiClient();
        var id = await client.StartAsync(Demo(NewId("broken"), approvePlan: false));
        await _app.Projects.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        var git = Path.Combine(_app.Runtime.Options.WorkspaceDirectory(id), ".git");
        await File.WriteAllTextAsync(Path.Combine(git, "HEAD"), "garbage, not a ref\n", Ct);
        Directory.Delete(Path.Combine(git, "refs"), recursive: true);

        var response = await client.GetAsync($"/api/projects/{id}/commits", Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
        body.ShouldNotContain(" at ", Case.Sensitive, "no stack frames");
        body.ShouldNotContain("Exception", Case.Sensitive, "no exception types");
        body.ShouldNotContain(_app.DataDirectory, Case.Sensitive, "no paths of the machine");
    }
}
