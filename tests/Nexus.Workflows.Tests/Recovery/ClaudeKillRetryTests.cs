using System.Diagnostics;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Testing.Claude;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>Retry of a project whose agent step failed because its REAL <c>claude</c> process was killed: Code runs on the
/// <c>claude</c> CLI (against a fake Anthropic Messages API on 127.0.0.1) inside the project's sandbox, the others replay
/// the demo. While Claude waits for the model in Code's fix turn, the test SIGKILLs that one <c>claude</c> process (not
/// <c>nexus</c>, not the sandbox); the step fails, the project ends Failed, and <c>nexus retry --max-iterations 3</c>
/// continues it in a new execution from that step alone.</summary>
public sealed class ClaudeKillRetryTests(ClaudeCliFixture claude) : IClassFixture<ClaudeCliFixture>
{
    private const string ProjectId = "kill-retry";
    private const string SessionHeader = "x-claude-code-session-id";

    // Code runs on claude with no retries of its own, so the killed turn fails the step at once; everyone else replays.
    private const string AgentsYaml = $"""
        agents:
          prime:
            backend: replay
          aria:
            backend: replay
          code:
            backend: claude
            model: {ScriptedCodeAgent.Model}
            timeout: 2m
            max_retries: 0
          alpha:
            backend: replay
          beta:
            backend: replay
        """;

    private static readonly string[] Authors = ["NEXUS", "Aria", "Code", "Alpha", "Code"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retry_ClaudeKilledDuringCodesFixTurn_ProjectFailsThenRetryRunsOnlyThatStepAndCompletes()
    {
        var clock = Stopwatch.StartNew();
        await using var sandbox = await CrashSandbox.CreateAsync(Ct);
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        var workspace = new WorkspaceGit(sandbox.WorkspaceOf(ProjectId));
        var code = new ScriptedCodeAgent(workspace.Directory);
        api.Script(ScriptedCodeAgent.Model, code.Reply);
        await File.WriteAllTextAsync(Path.Combine(sandbox.WorkingDirectory, "nexus.agents.yaml"), AgentsYaml, Ct);
        var cli = new NexusCli(sandbox.DataDirectory, sandbox.WorkingDirectory, ClaudeTestEnvironment.For(api, claude.ExecutablePath, sandbox.Root));
        var demo = WorkflowFixture.Scenario("demo");

        // 1. `nexus run` with an iteration limit of 2: Code's first turn writes the buggy implementation through Claude's Write
        //    tool, the replayed tests fail, Prime sends Code back, and Claude's first request of the fix is held by the fake.
        //    Then the claude process of that turn — and only it — is SIGKILLed: the step fails and so does the project.
        int killed;
        await using (var run = cli.Start([
            "run", demo.Description, "--id", ProjectId, "--requirements", demo.Requirements!, "--technology", demo.Technology!,
            "--test-command", demo.TestCommand!, "--max-iterations", "2", "--json"]))
        {
            var first = await Task.WhenAny(code.FixTurnHeld, run.Exited, Task.Delay(TimeSpan.FromSeconds(60), Ct));
            first.ShouldBe(code.FixTurnHeld, $"Code's fix turn did not reach the API: {run.Describe()}");
            var below = ProcessTree.DescendantsOf(run.Pid);
            // Claude Code may start helper processes of its own (named claude too): the turn's process is the one whose parent
            // is not a claude process.
            var claudes = below.Where(IsClaude).ToList();
            claudes = [.. claudes.Where(pid => ProcessTree.ParentOf(pid) is not { } parent || !claudes.Contains(parent))];
            var tree = string.Join("\n", below.Select(pid => $"{pid} (parent {ProcessTree.ParentOf(pid)}): {ProcessTree.CommandLineOf(pid)[..Math.Min(200, ProcessTree.CommandLineOf(pid).Length)]}"));
            claudes.ShouldHaveSingleItem($"one claude process (the turn's) runs below nexus while its request is held:\n{tree}");
            killed = claudes[0];
            var sandboxed = below.Where(pid => pid != killed && ProcessTree.CommandLineOf(pid).Contains("bwrap", StringComparison.Ordinal)).ToList();
            sandboxed.ShouldNotBeEmpty($"claude runs inside bubblewrap:\n{tree}");

            ProcessTree.KillOne(killed);

            await run.WaitForExitAsync(TimeSpan.FromSeconds(60), Ct);
            run.ExitCode.ShouldBe(1, run.Describe());
            using var outcome = JsonDocument.Parse(run.Stdout);
            outcome.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Failed", run.Describe());
        }

        var failed = await sandbox.Projects.GetAsync(ProjectId, includeHistory: true, cancellationToken: Ct);
        failed!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        var reason = failed.Failure!.Message;
        reason.ShouldStartWith("agent error: code (claude) failed in implement: ");
        reason.ShouldContain("claude was killed by signal 9 (SIGKILL) from outside NEXUS (exit code 137) and printed no result");
        var failedSteps = AgentStepRecord.From(failed.History!);
        var failedStory = string.Join("\n", failedSteps);
        failedSteps.Select(s => s.Input.AgentId).ShouldBe(["aria", "code", "alpha", "beta", "prime", "code"], failedStory);
        failedSteps[^1].Result.ShouldNotBeNull(failedStory).Succeeded.ShouldBeFalse(failedStory);
        var recordedSession = failedSteps[1].Result!.SessionId.ShouldNotBeNull(failedStory);
        failedSteps[^1].Input.SessionId.ShouldBe(recordedSession, "the fix turn resumed the session of Code's first turn");
        var failedExecution = ExecutionOf(failed.History!);
        var commitsBefore = await workspace.LogAsync(Ct);
        commitsBefore.Select(c => c.Author).ShouldBe(Authors[..4], string.Join("\n", commitsBefore));
        var implementRequests = api.RequestsFor(ScriptedCodeAgent.Model).Count - 1; // all but the held one
        code.FixCommandLines.Count.ShouldBe(1);

        // 2. `nexus retry --max-iterations 3` in a new process: a new execution runs Code's fix turn again (a fork of the
        //    recorded session), then Beta and Prime; Aria, Alpha and Code's first turn come from the journal.
        await using var retry = await cli.RunAsync(["retry", ProjectId, "--max-iterations", "3", "--json"], TimeSpan.FromSeconds(150), Ct);
        retry.ExitCode.ShouldBe(0, retry.Describe());
        using (var outcome = JsonDocument.Parse(retry.Stdout))
        {
            outcome.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Completed", retry.Describe());
        }

        var done = await sandbox.Projects.GetAsync(ProjectId, includeHistory: true, cancellationToken: Ct);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Request!.MaxIterations.ShouldBe(3, "the retry raised the limit");
        done.Request.Retry.ShouldNotBeNull().Attempt.ShouldBe(1);
        done.Request.Retry.PreviousStatus.ShouldBe("Failed");
        done.Request.Retry.PreviousReason.ShouldBe(reason);
        done.Status!.Retries.ShouldBe(1);
        done.Status.Sandbox.ShouldBe("bubblewrap");
        done.Report!.Tests.Succeeded.ShouldBeTrue();
        done.Report.Iterations.ShouldBe(2);
        done.Report.Timeline.Single(s => s.Phase == "retry").Iteration.ShouldBe(2);
        ExecutionOf(done.History!).ShouldNotBe(failedExecution, "the retry is a new execution of the same project");

        var steps = AgentStepRecord.From(done.History!);
        var story = string.Join("\n", steps);
        steps.Select(s => s.Input.AgentId).ShouldBe(["code", "beta", "prime"], $"only the killed step and those after it ran:\n{story}");
        steps[0].Input.SessionId.ShouldBe(recordedSession, story);
        var forkedSession = steps[0].Result.ShouldNotBeNull(story).SessionId.ShouldNotBeNull(story);
        forkedSession.ShouldNotBe(recordedSession, "the retried turn is a fork of the recorded session");
        var agents = (await sandbox.Projects.GetAgentsAsync(ProjectId, Ct)).ToDictionary(a => a.Agent);
        agents.ToDictionary(a => a.Key, a => a.Value.Turns).ShouldBe(
            new Dictionary<string, int> { ["prime"] = 2, ["aria"] = 1, ["code"] = 3, ["alpha"] = 1, ["beta"] = 2 },
            ignoreOrder: true,
            "Code's killed turn counts once and its retry once more; nobody else ran again");
        agents["code"].SessionId.ShouldBe(forkedSession);

        // 3. On the model's side: Code's first turn was not sent again; the retried turn resumed the recorded session as a fork.
        var codeRequests = api.RequestsFor(ScriptedCodeAgent.Model);
        codeRequests.Take(implementRequests).Select(r => r.Headers[SessionHeader]).Distinct().ShouldBe([recordedSession]);
        codeRequests.Skip(implementRequests + 1).ShouldAllBe(r => ScriptedCodeAgent.FixPrompts(r) >= 1, "after the kill only the fix turn reached the model");
        codeRequests.Skip(implementRequests + 1).Select(r => r.Headers[SessionHeader]).Distinct().ShouldBe([forkedSession]);
        code.FixCommandLines.Count.ShouldBe(2, "the fix turn started twice: the killed attempt and the retry");
        var retryArguments = code.FixCommandLines[1];
        retryArguments.ShouldContain("--fork-session", string.Join(' ', retryArguments));
        retryArguments.SkipWhile(a => a != "--resume").Skip(1).FirstOrDefault().ShouldBe(recordedSession, string.Join(' ', retryArguments));
        ProcessTree.IsRunning(killed).ShouldBeFalse();

        // 4. The commits of the failed run are all still there, unchanged; the retried turn's fix is the one new Code commit.
        var commits = await workspace.LogAsync(Ct);
        var log = string.Join("\n", commits);
        commits.Select(c => c.Author).ShouldBe(Authors, log);
        commits.Take(commitsBefore.Count).Select(c => c.Id).ShouldBe(commitsBefore.Select(c => c.Id), log);
        commits[4].Parents.ShouldBe([commits[3].Id], log);
        (await workspace.ShowAsync(commits[4].Id, "src/slugify.js", Ct)).ShouldBe(code.WrittenContent(2, "src/slugify.js"), "Claude wrote the fix in the retried turn");
        (await workspace.ChangedInAsync(commits[4].Id, Ct)).ShouldBe(["src/slugify.js"], "the fix commit holds only what the retried turn wrote");
        (await workspace.StatusAsync(Ct)).ShouldBeEmpty();

        TestContext.Current.SendDiagnosticMessage($"{nameof(Retry_ClaudeKilledDuringCodesFixTurn_ProjectFailsThenRetryRunsOnlyThatStepAndCompletes)}: {clock.Elapsed.TotalSeconds:0.0} s; failed with: {reason}");
    }

    // The claude program itself (bubblewrap's command line names it too, as an argument).
    private static bool IsClaude(int pid) => ProcessTree.ArgumentsOf(pid) is [var program, ..] && Path.GetFileName(program) == "claude";

    private static string ExecutionOf(IReadOnlyList<HistoryEvent> history) =>
        history.Single(e => e.Kind == EventKind.ExecutionStarted).ExecutionId.ShouldNotBeNull();
}
