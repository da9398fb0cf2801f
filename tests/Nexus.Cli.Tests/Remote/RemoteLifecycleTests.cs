using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Remote;

/// <summary>Projects on a real host driven by several <c>nexus … --server</c> processes: Ctrl-C leaves the project running
/// there, <c>resume</c> follows it again, <c>cancel</c> stops it, <c>purge</c> removes it; the plan gate is answered from
/// another process.</summary>
public sealed class RemoteLifecycleTests(RemoteHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CtrlC_Resume_Cancel_Purge_Server_TheProjectRunsOnTheHostUntilCancelled()
    {
        // Each replayed turn takes 3 s: the project is still running when the cancel comes, however slow the machine.
        const string Id = "r-cancel-1";
        await using (var demo = host.Start(["demo", "--id", Id, "--delay", "3"]))
        {
            await demo.WaitForLineAsync(line => line.Contains("aria: running", StringComparison.Ordinal), Ct);
            await demo.SignalAsync("INT", Ct);
            var interrupted = await demo.WaitForExitAsync(Ct);

            interrupted.ExitCode.ShouldBe(130, interrupted.ToString());
            interrupted.Stderr.ShouldContain($"goes on running on {host.Url}");
            interrupted.Stderr.ShouldContain($"nexus resume {Id} --server {host.Url}");
            interrupted.Stderr.ShouldNotContain("   at ");
        }

        await using var resume = host.Start(["resume", Id]);
        await resume.WaitForLineAsync(line => line.StartsWith($"following project {Id} on {host.Url} (running", StringComparison.Ordinal), Ct);

        var purgeRunning = await host.RunAsync(["purge", Id]);
        var cancel = await host.RunAsync(["cancel", Id]);
        var followed = await resume.WaitForExitAsync(Ct);
        var purge = await host.RunAsync(["purge", Id]);
        var status = await host.RunAsync(["status", Id]);

        purgeRunning.ExitCode.ShouldBe(2, purgeRunning.ToString());
        purgeRunning.StderrLines.ShouldHaveSingleItem().ShouldContain($"is still running; cancel it first: nexus cancel {Id} --server {host.Url}");
        cancel.ExitCode.ShouldBe(0, cancel.ToString());
        cancel.Stdout.ShouldContain($"project {Id} cancelled");
        followed.ExitCode.ShouldBe(1, followed.ToString());
        followed.Stdout.ShouldContain($"project {Id}: terminated");
        followed.Stdout.ShouldContain("cancelled by the user (nexus cancel)");
        purge.ExitCode.ShouldBe(0, purge.ToString());
        purge.Stdout.ShouldContain($"project {Id} purged (1 instance(s)); its files are deleted on the server at {host.Url}");
        status.ExitCode.ShouldBe(2, status.ToString());
        status.StderrLines.ShouldHaveSingleItem().ShouldBe($"nexus: no project with id '{Id}' on {host.Url}");
    }

    [Fact]
    public async Task ApprovePlan_RejectedThenApprovedFromOtherProcesses_Server_RunCompletes()
    {
        const string Id = "r-gate-1";
        await using var run = host.Start(["run", "Build slugkit", "--provider", "replay", "--approve-plan", "--id", Id]);
        await run.WaitForLineAsync(line => line.Contains($"waiting for plan approval: nexus approve {Id} --server {host.Url}", StringComparison.Ordinal), Ct);

        var reject = await host.RunAsync(["approve", Id, "--reject", "--feedback", "Name the options object 'settings'."]);

        // The approval answers the second gate, once Aria's new plan is there (a decision for the first gate would be ignored).
        await run.WaitForLineAsync(line => line.Contains("aria: done (100%, 2 turns)", StringComparison.Ordinal), Ct);
        var approve = await host.RunAsync(["approve", Id]);
        var finished = await run.WaitForExitAsync(Ct);
        var history = await host.RunAsync(["history", Id, "--json"]);

        reject.ExitCode.ShouldBe(0, reject.ToString());
        reject.Stdout.ShouldContain("rejected (Aria plans again)");
        approve.ExitCode.ShouldBe(0, approve.ToString());
        approve.Stdout.ShouldContain("approved");
        finished.ExitCode.ShouldBe(0, finished.ToString());
        finished.Stdout.ShouldContain($"project {Id} started · provider: replay (scenario demo) — checked by the server");
        finished.Stdout.ShouldContain($"project {Id}: completed");
        var raised = RemoteHost.Json(history).GetProperty("historyEvents").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "EventRaised" && e.GetProperty("name").GetString() == "approval")
            .Select(e => e.GetProperty("data").GetString() ?? string.Empty)
            .ToList();
        raised.Count.ShouldBe(2, history.ToString());
        raised[0].ShouldContain("\"approved\":false");
        raised[1].ShouldContain("\"approved\":true");
    }
}
