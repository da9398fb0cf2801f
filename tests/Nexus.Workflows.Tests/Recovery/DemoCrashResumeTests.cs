using System.Diagnostics;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>Crash and resume with the real <c>nexus</c> program: <c>nexus demo</c> is SIGKILLed while Code's turn runs, and
/// <c>nexus resume</c> in a new process finishes the project without redoing any finished step.</summary>
public sealed class DemoCrashResumeTests
{
    private const string ProjectId = "crash-demo";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_KilledDuringImplement_ResumeCompletesWithoutRedoingFinishedSteps()
    {
        var clock = Stopwatch.StartNew();
        await using var sandbox = await CrashSandbox.CreateAsync(Ct);
        var cli = new NexusCli(sandbox.DataDirectory, sandbox.WorkingDirectory);
        var workspace = new WorkspaceGit(sandbox.WorkspaceOf(ProjectId));

        // 1. The demo runs in a child process (each replayed turn takes 1 s) until Code's turn is running: the phase is
        //    implement and a worker of that process holds the lease of the agent step.
        string killedOwner;
        await using (var demo = cli.Start(["demo", "--id", ProjectId, "--delay", "1", "--json"]))
        {
            await sandbox.WaitUntilAsync(
                ProjectId,
                view => view.Status is { Phase: ProjectPhases.Implement } status && status.Agents["code"].Status == "running",
                "Code's turn has started",
                demo,
                TimeSpan.FromSeconds(30),
                Ct);
            (string Owner, DateTimeOffset Expiry)? lease = null;
            await Eventually.UntilAsync(
                async () => (lease = await ActivityLease.HeldAsync(sandbox.DatabasePath, ProjectId, "RunAgentStep", Ct)) is not null,
                "a worker holds the lease of Code's step",
                Ct,
                TimeSpan.FromSeconds(10));
            killedOwner = lease!.Value.Owner;
            killedOwner.ShouldContain($":{demo.Pid}:", Case.Sensitive, "the lease belongs to the demo process");

            await demo.KillTreeAsync();
        }

        var atKill = await sandbox.Projects.GetAsync(ProjectId, includeHistory: true, cancellationToken: Ct);
        atKill!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        atKill.Status!.Phase.ShouldBe(ProjectPhases.Implement);
        var stepsAtKill = AgentStepRecord.From(atKill.History!);
        stepsAtKill.Select(s => s.Input.AgentId).ShouldBe(["aria", "code"], string.Join("\n", stepsAtKill));
        stepsAtKill[1].Result.ShouldBeNull("Code's step had not finished when its process was killed");
        var ariaCommit = stepsAtKill[0].Result!.Commit.ShouldNotBeNull();
        stepsAtKill[1].Input.StartCommit.ShouldBe(ariaCommit);

        // 2. What a half-finished attempt may leave behind: a new file and an edited one. The retry must not see them.
        await File.WriteAllTextAsync(Path.Combine(workspace.Directory, "half-written.js"), "module.exports = 'from the killed attempt';\n", Ct);
        await File.AppendAllTextAsync(Path.Combine(workspace.Directory, "PLAN.md"), "\nEdited by the killed attempt.\n", Ct);

        // 3. A new process resumes the project and runs it to the end. The killed process's lease still holds Code's step
        //    (15 s, renewed every 3 s until the kill): the resuming process says it waits for it, as live activity that this
        //    test process (a dashboard on the same data directory) receives.
        using var live = sandbox.Projects.Activity.Subscribe(ProjectId);
        await using var resume = await cli.RunAsync(["resume", ProjectId, "--json"], TimeSpan.FromSeconds(120), Ct);
        resume.ExitCode.ShouldBe(0, resume.Describe());
        var activity = new List<Nexus.Workflows.Live.LiveActivity>();
        while (live.Reader.TryRead(out var item))
        {
            activity.Add(item);
        }

        activity.ShouldContain(
            a => a.AgentId == "nexus" && a.Text.StartsWith($"waiting for the lease of worker {killedOwner}, whose process is gone", StringComparison.Ordinal),
            string.Join("\n", activity.Select(a => $"{a.AgentId}: {a.Text}")));
        using (var outcome = JsonDocument.Parse(resume.Stdout))
        {
            outcome.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Completed", resume.Describe());
        }

        var done = await sandbox.Projects.GetAsync(ProjectId, includeHistory: true, cancellationToken: Ct);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Tests.Succeeded.ShouldBeTrue();

        // 4. Nothing finished ran again: one plan step, each step scheduled and completed once, no duplicate commits.
        var steps = AgentStepRecord.From(done.History!);
        var story = string.Join("\n", steps);
        steps.Select(s => s.Input.AgentId).ShouldBe(["aria", "code", "alpha", "beta", "prime", "code", "beta", "prime"], story);
        steps.ShouldAllBe(s => s.Result != null && s.Result.Succeeded, story);
        steps[0].Result!.Commit.ShouldBe(ariaCommit, "the recorded plan step is Aria's commit from before the crash");
        var commits = await workspace.LogAsync(Ct);
        var log = string.Join("\n", commits);
        commits.Select(c => c.Author).ShouldBe(["NEXUS", "Aria", "Code", "Alpha", "Code"], log);
        commits.Count(c => c.Author == "Aria").ShouldBe(1, log);
        commits[1].Id.ShouldBe(ariaCommit, log);
        commits.Select(c => c.Id).ShouldBe(done.Report.Commits.Select(c => c.Commit).Prepend(commits[0].Id), log);

        // 5. The interrupted step restarted from its starting commit with a clean tree.
        var codeCommit = commits[2];
        codeCommit.Parents.ShouldBe([ariaCommit], log);
        steps[1].Result!.Commit.ShouldBe(codeCommit.Id);
        (await workspace.FilesAtAsync(codeCommit.Id, Ct)).ShouldNotContain("half-written.js");
        (await workspace.ShowAsync(codeCommit.Id, "PLAN.md", Ct)).ShouldBe(await workspace.ShowAsync(ariaCommit, "PLAN.md", Ct));
        File.Exists(Path.Combine(workspace.Directory, "half-written.js")).ShouldBeFalse();
        (await workspace.StatusAsync(Ct)).ShouldBeEmpty();

        TestContext.Current.SendDiagnosticMessage($"{nameof(Demo_KilledDuringImplement_ResumeCompletesWithoutRedoingFinishedSteps)}: {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
