using System.Diagnostics;
using System.Text.RegularExpressions;
using Nexus.Agents.Processes;
using Nexus.Durable;
using Nexus.Workflows.Live;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Live;

/// <summary>A step that runs again after its earlier attempt was interrupted — the worker died and left the record of the
/// process group the step had started — says so live (<see cref="LiveActivityKind.Recovery"/>) and kills what is left.</summary>
public sealed class RecoveryActivityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Step_AfterAnInterruptedAttempt_PublishesRecoveryAndKillsWhatThatAttemptLeftRunning()
    {
        await using var nexus = await WorkflowFixture.StartAsync(cancellationToken: Ct);
        const string id = "live-recovery";
        using var live = nexus.Projects.Activity.Subscribe(id);

        // What a worker killed during Aria's plan leaves behind: the step's program, still running in its own process
        // group, and the record naming it, written 90 s ago when that attempt started.
        using var leftover = Process.Start(new ProcessStartInfo("setsid", ["sleep", "300"]) { UseShellExecute = false })!;
        try
        {
            var record = Path.Combine(nexus.Runtime.Options.ProcessRecordDirectory(id), "plan_aria_001.pid");
            ProcessRecord.Write(record, leftover.Id);
            File.SetLastWriteTimeUtc(record, DateTime.UtcNow - TimeSpan.FromSeconds(90));

            await nexus.Projects.StartAsync(WorkflowFixture.Scenario("demo"), id, Ct);
            var done = await nexus.Projects.WaitAsync(id, Ct);

            done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
            var seen = new List<LiveActivity>();
            while (live.Reader.TryRead(out var activity))
            {
                seen.Add(activity);
            }

            var recovery = seen.Where(a => a.Kind == LiveActivityKind.Recovery).ShouldHaveSingleItem();
            recovery.AgentId.ShouldBe("aria");
            recovery.StepKey.ShouldBe("plan/aria/001");
            var match = Regex.Match(recovery.Text, @"^runs plan/aria/001 again: the attempt started (\d+) s ago was interrupted, and its lease had to expire first$");
            match.Success.ShouldBeTrue(recovery.Text);
            int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(90, 150);
            seen.IndexOf(recovery).ShouldBeLessThan(seen.FindIndex(a => a.AgentId == "code"), "said when the step starts again, before the next agent");
            // The earlier attempt's program was killed before the step ran again (a timeout here means it still runs).
            await leftover.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
            File.Exists(record).ShouldBeFalse();
        }
        finally
        {
            if (!leftover.HasExited)
            {
                leftover.Kill();
            }
        }
    }
}
