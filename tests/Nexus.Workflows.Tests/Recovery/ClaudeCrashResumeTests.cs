using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Nexus.Durable;
using Nexus.Testing.Claude;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>Crash and resume with the REAL <c>claude</c> CLI as Code (against a fake Anthropic Messages API on 127.0.0.1)
/// and replayed turns for the other agents: <c>nexus run</c> alone is SIGKILLed while Claude waits for the model in Code's
/// second turn — its sandboxed Claude dies with it within a second — and <c>nexus resume</c> retries that turn as a fork of
/// the recorded session.</summary>
public sealed class ClaudeCrashResumeTests(ClaudeCliFixture claude) : IClassFixture<ClaudeCliFixture>
{
    private const string ProjectId = "crash-claude";
    private const string SessionHeader = "x-claude-code-session-id";

    // Code runs on claude; everyone else replays the demo scenario (the default scenario of replay agents).
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
          alpha:
            backend: replay
          beta:
            backend: replay
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claude_KilledDuringCodesFixTurn_ResumeForksTheRecordedSessionAndCompletes()
    {
        var clock = Stopwatch.StartNew();
        await using var sandbox = await CrashSandbox.CreateAsync(Ct);
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        var workspace = new WorkspaceGit(sandbox.WorkspaceOf(ProjectId));
        var code = new ScriptedCodeAgent(workspace.Directory);
        api.Script(ScriptedCodeAgent.Model, code.Reply);
        await File.WriteAllTextAsync(Path.Combine(sandbox.WorkingDirectory, "nexus.agents.yaml"), AgentsYaml, Ct);
        var cli = new NexusCli(sandbox.DataDirectory, sandbox.WorkingDirectory, ClaudeEnvironment(sandbox, api));
        var demo = WorkflowFixture.Scenario("demo");

        // 1. `nexus run` without --provider: Code's first turn writes the buggy implementation through Claude's Write tool,
        //    the replayed tests fail, Prime sends Code back, and Claude's first request of the fix is held by the fake.
        string recordedSession;
        RecordedRequest held;
        await using (var run = cli.Start([
            "run", demo.Description, "--id", ProjectId, "--requirements", demo.Requirements!, "--technology", demo.Technology!,
            "--test-command", demo.TestCommand!, "--json"]))
        {
            var first = await Task.WhenAny(code.FixTurnHeld, run.Exited, Task.Delay(TimeSpan.FromSeconds(60), Ct));
            first.ShouldBe(code.FixTurnHeld, $"Code's fix turn did not reach the API: {run.Describe()}");
            held = await code.FixTurnHeld;

            var atKill = await sandbox.Projects.GetAsync(ProjectId, includeHistory: true, cancellationToken: Ct);
            var stepsAtKill = AgentStepRecord.From(atKill!.History!);
            var story = string.Join("\n", stepsAtKill);
            stepsAtKill.Select(s => s.Input.AgentId).ShouldBe(["aria", "code", "alpha", "beta", "prime", "code"], story);
            stepsAtKill[^1].Result.ShouldBeNull(story);
            recordedSession = stepsAtKill[1].Result!.SessionId.ShouldNotBeNull(story);
            stepsAtKill[1].Result!.Backend.ShouldBe("claude", story);
            stepsAtKill[^1].Input.SessionId.ShouldBe(recordedSession, "the fix turn resumes the session recorded for Code's first turn");
            await Eventually.UntilAsync(
                async () => (await sandbox.Projects.GetAgentsAsync(ProjectId, Ct)).Any(a => a.Agent == "code" && a.SessionId == recordedSession),
                "Code's AgentSession entity records the session of its first turn",
                Ct,
                TimeSpan.FromSeconds(10));
            (await ActivityLease.HeldAsync(sandbox.DatabasePath, ProjectId, "RunAgentStep", Ct)).ShouldNotBeNull().Owner
                .ShouldContain($":{run.Pid}:", Case.Sensitive, "the run process holds the lease of Code's fix step");
            var claudeProcesses = ProcessTree.DescendantsOf(run.Pid).Where(pid => ProcessTree.CommandLineOf(pid).Contains("claude", StringComparison.Ordinal)).ToList();
            claudeProcesses.ShouldNotBeEmpty("Claude runs below nexus while its request is held");

            // SIGKILL of nexus alone: the sandbox (--die-with-parent, own PID namespace) takes Claude down with it within a second.
            var orphans = await run.KillOnlyAsync();
            claudeProcesses.ShouldAllBe(pid => orphans.Contains(pid));
            await Eventually.UntilAsync(
                () => Task.FromResult(!orphans.Any(ProcessTree.IsRunning)),
                "nothing nexus started outlives it",
                Ct,
                TimeSpan.FromSeconds(1));
        }

        var implementRequests = api.RequestsFor(ScriptedCodeAgent.Model).TakeWhile(r => !ReferenceEquals(r, held)).ToList();
        implementRequests.Select(r => r.Headers[SessionHeader]).Distinct().ShouldBe([recordedSession], "Code's first turn ran in the recorded session");
        var killedAttemptSession = held.Headers[SessionHeader];

        // 2. A new process resumes the project; the interrupted fix turn runs again as a fork of the recorded session.
        await using var resume = await cli.RunAsync(["resume", ProjectId, "--json"], TimeSpan.FromSeconds(150), Ct);
        resume.ExitCode.ShouldBe(0, resume.Describe());
        using (var outcome = JsonDocument.Parse(resume.Stdout))
        {
            outcome.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Completed", resume.Describe());
        }

        var afterHeld = api.RequestsFor(ScriptedCodeAgent.Model).SkipWhile(r => !ReferenceEquals(r, held)).Skip(1).ToList();
        afterHeld.ShouldNotBeEmpty("the fix turn was retried");
        var retried = afterHeld[0];
        var forkedSession = retried.Headers[SessionHeader];
        TestContext.Current.SendDiagnosticMessage(
            $"recorded {recordedSession}, killed attempt {killedAttemptSession} ({string.Join(' ', code.FixCommandLines[0].Where(a => a.StartsWith("--", StringComparison.Ordinal)))}), " +
            $"retry {forkedSession}; iteration-2 prompts in the retried request: {ScriptedCodeAgent.FixPrompts(retried)}");
        code.FixCommandLines.Count.ShouldBe(2, "the fix turn started twice: the killed attempt and the retry");
        var retryArguments = code.FixCommandLines[1];
        retryArguments.ShouldContain("--fork-session", string.Join(' ', retryArguments));
        retryArguments.SkipWhile(a => a != "--resume").Skip(1).FirstOrDefault().ShouldBe(recordedSession, string.Join(' ', retryArguments));
        forkedSession.ShouldNotBe(recordedSession, "the retry is a fork: a new session id");
        var turnOne = ScriptedCodeAgent.Conversation(implementRequests[^1]).Append(("assistant", code.ImplementSummary)).ToList();
        ScriptedCodeAgent.Conversation(retried).Take(turnOne.Count).ShouldBe(
            turnOne, $"the retry carries the recorded conversation of Code's first turn (prompt, Write calls, results, summary):\n{retried.AllMessagesText}");
        afterHeld.Select(r => r.Headers[SessionHeader]).Distinct().ShouldBe([forkedSession], "the whole retried turn runs in the fork");

        // 3. The project completed green with the fix Claude wrote, and Code's session moved on to the fork.
        var done = await sandbox.Projects.GetAsync(ProjectId, includeHistory: true, cancellationToken: Ct);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Report!.Tests.Succeeded.ShouldBeTrue();
        var steps = AgentStepRecord.From(done.History!);
        var fullStory = string.Join("\n", steps);
        steps.Select(s => s.Input.AgentId).ShouldBe(["aria", "code", "alpha", "beta", "prime", "code", "beta", "prime"], fullStory);
        steps[5].Input.SessionId.ShouldBe(recordedSession, fullStory);
        steps[5].Result!.SessionId.ShouldBe(forkedSession, fullStory);
        var codeSession = (await sandbox.Projects.GetAgentsAsync(ProjectId, Ct)).Single(a => a.Agent == "code");
        codeSession.Backend.ShouldBe("claude");
        codeSession.Turns.ShouldBe(2);
        codeSession.SessionId.ShouldBe(forkedSession);

        var commits = await workspace.LogAsync(Ct);
        var log = string.Join("\n", commits);
        commits.Select(c => c.Author).ShouldBe(["NEXUS", "Aria", "Code", "Alpha", "Code"], log);
        commits[4].Parents.ShouldBe([commits[3].Id], log);
        (await workspace.ShowAsync(commits[2].Id, "src/slugify.js", Ct)).ShouldBe(code.WrittenContent(1, "src/slugify.js"), "Claude wrote the buggy version in turn 1");
        (await workspace.ShowAsync(commits[4].Id, "src/slugify.js", Ct)).ShouldBe(code.WrittenContent(2, "src/slugify.js"), "Claude wrote the fix in the retried turn");
        (await workspace.StatusAsync(Ct)).ShouldBeEmpty();

        TestContext.Current.SendDiagnosticMessage($"{nameof(Claude_KilledDuringCodesFixTurn_ResumeForksTheRecordedSessionAndCompletes)}: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Claude_ServeKilledDuringCodesFixTurn_NothingOutlivesItAndResumeCompletes()
    {
        const string projectId = "crash-serve";
        const string apiKey = "nexus-test-key-0123456789abcdef";
        await using var sandbox = await CrashSandbox.CreateAsync(Ct);
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        var workspace = new WorkspaceGit(sandbox.WorkspaceOf(projectId));
        var code = new ScriptedCodeAgent(workspace.Directory);
        api.Script(ScriptedCodeAgent.Model, code.Reply);
        await File.WriteAllTextAsync(Path.Combine(sandbox.WorkingDirectory, "nexus.agents.yaml"), AgentsYaml, Ct);
        var environment = ClaudeEnvironment(sandbox, api);
        environment["NEXUS_API_KEY"] = apiKey;
        var cli = new NexusCli(sandbox.DataDirectory, sandbox.WorkingDirectory, environment);
        var demo = WorkflowFixture.Scenario("demo");
        var port = ClaudeTestEnvironment.FreePort();

        // 1. `nexus serve` starts the project over HTTP; Claude's first request of Code's fix turn is held by the fake.
        await using (var serve = cli.Start(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            await Eventually.UntilAsync(
                async () =>
                {
                    try
                    {
                        return (await http.GetAsync(new Uri("/healthz", UriKind.Relative), Ct)).IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                $"nexus serve answers on port {port}",
                Ct);
            using var started = await http.PostAsJsonAsync(
                new Uri("/api/projects", UriKind.Relative),
                new { description = demo.Description, id = projectId, requirements = demo.Requirements, technology = demo.Technology, testCommand = demo.TestCommand },
                Ct);
            started.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Ct));

            var first = await Task.WhenAny(code.FixTurnHeld, serve.Exited, Task.Delay(TimeSpan.FromSeconds(60), Ct));
            first.ShouldBe(code.FixTurnHeld, $"Code's fix turn did not reach the API: {serve.Describe()}");
            var claudeProcesses = ProcessTree.DescendantsOf(serve.Pid).Where(pid => ProcessTree.CommandLineOf(pid).Contains("claude", StringComparison.Ordinal)).ToList();
            claudeProcesses.ShouldNotBeEmpty("Claude runs below nexus serve while its request is held");

            var orphans = await serve.KillOnlyAsync();
            claudeProcesses.ShouldAllBe(pid => orphans.Contains(pid));
            await Eventually.UntilAsync(
                () => Task.FromResult(!orphans.Any(ProcessTree.IsRunning)),
                "nothing nexus serve started outlives it",
                Ct,
                TimeSpan.FromSeconds(1));
        }

        // 2. The project goes on from the interrupted step and completes; each commit holds only its agent's files.
        await using var resume = await cli.RunAsync(["resume", projectId, "--json"], TimeSpan.FromSeconds(150), Ct);
        resume.ExitCode.ShouldBe(0, resume.Describe());
        var done = await sandbox.Projects.GetAsync(projectId, cancellationToken: Ct);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, done.Failure?.Message);
        done.Status!.Sandbox.ShouldBe("bubblewrap");
        var commits = await workspace.LogAsync(Ct);
        commits.Select(c => c.Author).ShouldBe(["NEXUS", "Aria", "Code", "Alpha", "Code"], string.Join("\n", commits));
        (await workspace.ShowAsync(commits[4].Id, "src/slugify.js", Ct)).ShouldBe(code.WrittenContent(2, "src/slugify.js"), "the retried fix turn wrote the fix");
        (await workspace.ChangedInAsync(commits[4].Id, Ct)).ShouldBe(["src/slugify.js"], "Code's fix commit holds only what the retried turn wrote");
        (await workspace.ChangedInAsync(commits[3].Id, Ct)).ShouldAllBe(path => path.StartsWith("test", StringComparison.Ordinal), "Alpha's commit holds only tests");
        (await workspace.StatusAsync(Ct)).ShouldBeEmpty();
    }

    // The child's environment: Claude Code pointed at the fake and kept off the network, with its own config and home.
    private Dictionary<string, string?> ClaudeEnvironment(CrashSandbox sandbox, FakeAnthropicServer api) =>
        ClaudeTestEnvironment.For(api, claude.ExecutablePath, sandbox.Root);
}
