using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary>A project across processes: Ctrl-C and resume, approval and cancellation from a second process, purge.</summary>
public sealed class ProjectLifecycleTests : IDisposable
{
    private readonly NexusCli _cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task CtrlC_NotInteractive_LeavesTheProjectAndResumeFinishesIt()
    {
        await using (var demo = _cli.Start(["demo", "--id", "left-1", "--delay", "0.5"]))
        {
            await demo.WaitForLineAsync(line => line.Contains("phase implement", StringComparison.Ordinal), Ct);
            await demo.SignalAsync("INT", Ct);
            var interrupted = await demo.WaitForExitAsync(Ct);

            interrupted.ExitCode.ShouldBe(130, interrupted.ToString());
            interrupted.Stderr.ShouldContain("nexus resume left-1");
            interrupted.Stderr.ShouldNotContain("   at ");
        }

        var status = await _cli.RunAsync("status", "left-1", "--json");
        using (var json = JsonDocument.Parse(status.Stdout))
        {
            json.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Running", status.ToString());
        }

        var resumed = await _cli.RunAsync("resume", "left-1", "--json");

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        using var result = JsonDocument.Parse(resumed.Stdout);
        result.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        result.RootElement.GetProperty("tests").GetProperty("failed").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task ApprovePlan_ApprovedFromAnotherProcess_RunCompletes()
    {
        await using var run = _cli.Start(["run", "Build slugkit", "--provider", "replay", "--approve-plan", "--id", "gate-1"]);
        await run.WaitForLineAsync(line => line.Contains("waiting for plan approval", StringComparison.Ordinal), Ct);

        var approve = await _cli.RunAsync("approve", "gate-1");
        var finished = await run.WaitForExitAsync(Ct);

        approve.ExitCode.ShouldBe(0, approve.ToString());
        approve.Stdout.ShouldContain("approved");
        finished.ExitCode.ShouldBe(0, finished.ToString());
        finished.Stdout.ShouldContain("project gate-1: completed");
    }

    [Fact]
    public async Task Approve_ProjectNotAtAGate_Exit2OneLineAndNothingIsSent()
    {
        await using var run = _cli.Start(["demo", "--id", "nogate-1", "--delay", "2"]);
        await run.WaitForLineAsync(line => line.Contains("aria: running", StringComparison.Ordinal), Ct);

        var approve = await _cli.RunAsync("approve", "nogate-1");
        var history = await _cli.RunAsync("history", "nogate-1", "--json");
        var cancel = await _cli.RunAsync("cancel", "nogate-1");
        await run.WaitForExitAsync(Ct);

        approve.ExitCode.ShouldBe(2, approve.ToString());
        approve.StderrLines.ShouldHaveSingleItem().ShouldMatch("^nexus: project nogate-1 is not waiting for approval \\(phase: [a-z_]+\\)$");
        approve.StderrLines[0].ShouldNotContain("phase: approval");
        history.Stdout.ShouldNotContain("EventRaised");
        cancel.ExitCode.ShouldBe(0, cancel.ToString());
    }

    [Fact]
    public async Task Approve_FeedbackWithAnEscape_Exit2OneLine()
    {
        var result = await _cli.RunAsync("approve", "any-1", "--reject", "--feedback", "ok\u001b[2J");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("nexus: --feedback: contains a control character (U+001B) at position 3; only newlines and tabs are allowed");
    }

    [Fact]
    public async Task Cancel_FromAnotherProcess_RunEndsTerminatedWithExit1()
    {
        await using var run = _cli.Start(["demo", "--id", "cancel-1", "--delay", "2"]);
        await run.WaitForLineAsync(line => line.Contains("aria: running", StringComparison.Ordinal), Ct);

        var cancel = await _cli.RunAsync("cancel", "cancel-1");
        var finished = await run.WaitForExitAsync(Ct);

        cancel.ExitCode.ShouldBe(0, cancel.ToString());
        finished.ExitCode.ShouldBe(1, finished.ToString());
        finished.Stdout.ShouldContain("project cancel-1: terminated");
        finished.Stdout.ShouldContain("cancelled by the user");
    }

    [Fact]
    public async Task Purge_FinishedProject_RemovesItFromTheStore()
    {
        var demo = await _cli.RunAsync("demo", "--id", "purge-1", "--json");
        demo.ExitCode.ShouldBe(0, demo.ToString());

        var purge = await _cli.RunAsync("purge", "purge-1");
        var status = await _cli.RunAsync("status", "purge-1");

        purge.ExitCode.ShouldBe(0, purge.ToString());
        purge.Stdout.ShouldContain("purged");
        status.ExitCode.ShouldBe(2, status.ToString());
    }
}
