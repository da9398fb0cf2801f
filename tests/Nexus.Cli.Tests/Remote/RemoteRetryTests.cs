using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Remote;

/// <summary><c>nexus retry --server</c>: the host continues the failed project with the raised limit and this process
/// follows it to its end; what the host refuses is one line and exit code 2, as on the local store.</summary>
public sealed class RemoteRetryTests(RemoteHost host)
{
    [Fact]
    public async Task Retry_Server_FailedProjectCompletesOnTheHostAndASecondRetryIsRefused()
    {
        const string Id = "r-retry-1";
        var failed = await host.RunAsync(["run", "Build slugkit", "--provider", "replay", "--max-iterations", "1", "--id", Id, "--json"]);
        failed.ExitCode.ShouldBe(1, failed.ToString());

        var retried = await host.RunAsync(["retry", Id, "--max-iterations", "3", "--json"]);
        var again = await host.RunAsync(["retry", Id]);
        var unknown = await host.RunAsync(["retry", "r-retry-nope"]);

        retried.ExitCode.ShouldBe(0, retried.ToString());
        var root = RemoteHost.Json(retried);
        root.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        root.GetProperty("iterations").GetInt32().ShouldBe(2);
        again.ExitCode.ShouldBe(2, again.ToString());
        again.StderrLines.ShouldHaveSingleItem().ShouldBe($"nexus: project {Id} has completed; only a failed or terminated project can be retried");
        unknown.ExitCode.ShouldBe(2, unknown.ToString());
        unknown.StderrLines.ShouldHaveSingleItem().ShouldBe($"nexus: no project with id 'r-retry-nope' on {host.Url}");
    }
}
