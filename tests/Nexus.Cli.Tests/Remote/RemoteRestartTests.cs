using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Remote;

/// <summary><c>nexus restart --server</c>: the host runs the finished project again from the start and this process
/// follows it; a start with the id of the failed project names retry, restart and purge with the same <c>--server</c>.</summary>
public sealed class RemoteRestartTests(RemoteHost host)
{
    [Fact]
    public async Task Restart_Server_FailedProjectRunsAgainOnTheHostAndTheIdReuseLineNamesRetryRestartAndPurge()
    {
        const string Id = "r-restart-1";
        var failed = await host.RunAsync(["run", "Build slugkit", "--provider", "replay", "--max-iterations", "1", "--id", Id, "--json"]);
        failed.ExitCode.ShouldBe(1, failed.ToString());
        var historyBefore = await host.RunAsync(["history", Id, "--json"]);

        var reuse = await host.RunAsync(["run", "replace the failed project", "--provider", "replay", "--id", Id]);
        var restarted = await host.RunAsync(["restart", Id, "--json"]);
        var historyAfter = await host.RunAsync(["history", Id, "--json"]);
        var unknown = await host.RunAsync(["restart", "r-restart-nope"]);

        var target = $"--server {host.Url}";
        reuse.ExitCode.ShouldBe(2, reuse.ToString());
        reuse.StderrLines.ShouldHaveSingleItem().ShouldBe(
            $"nexus: project '{Id}' already exists (failed); a start never replaces a project: choose another --id, " +
            $"continue it with: nexus retry {Id} {target}, run it again from the start with: nexus restart {Id} {target}, " +
            $"or delete it first with: nexus purge {Id} {target}");
        restarted.ExitCode.ShouldBe(1, restarted.ToString());
        var root = RemoteHost.Json(restarted);
        root.GetProperty("runtimeStatus").GetString().ShouldBe("Failed");
        root.GetProperty("iterations").GetInt32().ShouldBe(1);
        historyAfter.Stdout.ShouldNotBe(historyBefore.Stdout, "the restart is a new run with its own history");
        unknown.ExitCode.ShouldBe(2, unknown.ToString());
        unknown.StderrLines.ShouldHaveSingleItem().ShouldBe($"nexus: no project with id 'r-restart-nope' on {host.Url}");
    }
}
