using System.Text;
using Nexus.Durable;
using Nexus.Testing.Claude;
using Nexus.Workflows.Tests.Recovery;
using Nexus.Workflows.Tests.Support;
using Shouldly;

namespace Nexus.Workflows.Tests.Sandboxing;

// What both entrances share: the machine full of secrets, the scripted agents, the scans of what NEXUS kept, and the proof
// that the attack ran.
public sealed partial class CanaryLeakTests
{
    /// <summary>The canaries, the fake model scripted for all five agents, the agents file, and <c>nexus</c> with the
    /// canaries and the server user's <c>HOME</c> in its environment.</summary>
    private async Task<(CanaryWorld World, WorkspaceGit Workspace, ScriptedAttacker Attacker, NexusCli Cli)> ArrangeAsync(
        CrashSandbox sandbox, FakeAnthropicServer api, Uri server)
    {
        var world = CanaryWorld.Create(sandbox);
        var workspace = new WorkspaceGit(sandbox.WorkspaceOf(ProjectId));
        var attacker = new ScriptedAttacker(world, workspace.Directory, server);
        api.Script(ScriptedAttacker.PrimeModel, attacker.Prime);
        api.Script(ScriptedAttacker.AriaModel, attacker.Aria);
        api.Script(ScriptedAttacker.CodeModel, attacker.Code);
        api.Script(ScriptedAttacker.AlphaModel, attacker.Alpha);
        api.Script(ScriptedAttacker.BetaModel, attacker.Beta);
        await File.WriteAllTextAsync(Path.Combine(sandbox.WorkingDirectory, "nexus.agents.yaml"), AgentsYaml, Ct);

        var environment = ClaudeTestEnvironment.For(api, claude.ExecutablePath, sandbox.Root);
        foreach (var (name, value) in world.ServerEnvironment(Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"))
        {
            environment[name] = value;
        }

        environment["CLAUDE_CONFIG_DIR"] = null; // the user's Claude Code folder is ~/.claude, with the memory canary in it
        environment["NEXUS_API_KEY"] = null; // so `nexus serve` generates its key into the data directory
        return (world, workspace, attacker, new NexusCli(sandbox.DataDirectory, sandbox.WorkingDirectory, environment));
    }

    /// <summary>The project completed green in the sandbox, every step ran on claude, and NEXUS acted on Prime's decisions.</summary>
    private static async Task AssertCompletedOnClaudeAsync(CrashSandbox sandbox, ScriptedAttacker attacker, string nexus)
    {
        var done = await sandbox.Projects.GetAsync(ProjectId, includeHistory: true, cancellationToken: Ct);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"{done.Failure?.Message}\n{nexus}");
        done.Status!.Sandbox.ShouldBe("bubblewrap");
        done.Report!.Tests.Succeeded.ShouldBeTrue();
        var steps = AgentStepRecord.From(done.History!);
        var story = string.Join("\n", steps);
        steps.Select(s => s.Input.AgentId).ShouldBe(["aria", "code", "alpha", "beta", "prime", "code", "beta", "prime"], story);
        steps.ShouldAllBe(s => s.Result!.Backend == "claude", story);

        // Prime's decisions were read from its claude turns (StructuredOutput), not made up for it by NEXUS.
        steps[5].Input.Instruction.ShouldContain(attacker.Decision(1, "feedback"), Case.Sensitive, story);
        done.Report.Summary.ShouldEndWith(attacker.Decision(2, "reason"), Case.Sensitive, story);
    }

    /// <summary>A scanner with what reached the model provider and what NEXUS kept: every request to the fake API (path,
    /// headers, body), <c>git log -p --all</c>, every file of the project's folder but <c>.git</c> (scratchpads, Claude
    /// Code's transcripts, the workspace) and the store.</summary>
    private static async Task<LeakScanner> ScanWhatNexusKeptAsync(CrashSandbox sandbox, CanaryWorld world, FakeAnthropicServer api, WorkspaceGit workspace)
    {
        var scanner = new LeakScanner(world.Canaries);
        foreach (var (index, request) in api.Requests.Index())
        {
            scanner.Add(
                $"request {index} to the model provider ({request.Model})",
                $"{request.PathAndQuery}\n{string.Join('\n', request.Headers.Select(h => $"{h.Key}: {h.Value}"))}\n{request.Body.GetRawText()}");
        }

        scanner.Add("git log -p --all", await workspace.PatchLogAsync(Ct));
        scanner.AddFiles("the project's folder", Path.Combine(sandbox.DataDirectory, "projects", ProjectId), ".git");
        foreach (var store in Directory.GetFiles(sandbox.DataDirectory, "nexus.db*"))
        {
            scanner.Add(Path.GetFileName(store), Encoding.UTF8.GetString(await File.ReadAllBytesAsync(store, Ct)));
        }

        return scanner;
    }

    /// <summary>Every probe of every agent ran and its result went back to the model provider; what the shells collected is
    /// in the commits NEXUS made (and what Beta's shell wrote in none); the planted test ran (<paramref name="recordedTestRun"/>
    /// holds the recorded test run).</summary>
    private static async Task AssertTheAttackRanAsync(
        ScriptedAttacker attacker, CanaryWorld world, CrashSandbox sandbox, WorkspaceGit workspace, IReadOnlyList<WorkspaceCommit> commits, string recordedTestRun)
    {
        var results = attacker.Results;
        var all = string.Join("\n", results.Select(r => $"--- {r.Key}\n{r.Value}"));
        results.Keys.Order(StringComparer.Ordinal).ShouldBe(attacker.AllProbes.Order(StringComparer.Ordinal), all);

        var bash = results["bash"];
        bash.ShouldContain("== env", Case.Sensitive, all);
        bash.ShouldContain($"HOME={Path.Combine(sandbox.DataDirectory, "projects", ProjectId, "home")}", Case.Sensitive, all);
        foreach (var hidden in (string[])[world.SshKeyPath, world.UserClaudeMemoryPath, world.ParentClaudeMemoryPath, world.ApiKeyPath,
                     "../../../api-key", world.OtherProjectSecretPath, $"../../{CanaryWorld.OtherProjectId}/workspace/secret.txt", world.DotEnvPath])
        {
            bash.ShouldContain($"cat: {hidden}: No such file or directory", Case.Sensitive, all);
        }

        // `ls -la A B` prints "A:", A's entries, an empty line, "B:", …; the server's home is listed last.
        var home = bash[bash.IndexOf($"\n{world.Home}:\n", StringComparison.Ordinal)..].Split("\n\n")[0];
        home.ShouldContain(".cargo", Case.Sensitive, "the toolchain on PATH under the server's home is mounted");
        home.ShouldNotContain(".ssh", Case.Sensitive, "nothing else of the server's home is");
        home.ShouldNotContain(".claude", Case.Sensitive, "nothing else of the server's home is");
        bash.ShouldContain("(end of cargo credentials)", Case.Sensitive, "the toolchain under the home is there (its credentials file covered)");

        foreach (var read in (string[])["read ssh key", "read api key", "read other project", "read .env",
                     "aria read ssh key", "aria read api key", "aria read other project", "alpha read ssh key", "alpha read api key",
                     "beta read ssh key", "beta read api key", "prime read ssh key", "prime read api key"])
        {
            results[read].ShouldContain("does not exist", Case.Insensitive, $"{read}:\n{all}");
        }

        results["git filter"].ShouldContain(".git/config: Read-only file system", Case.Sensitive, all);

        // Alpha and Beta have Bash: their shell ran in the sandbox and found none of the secrets. Prime has no Bash.
        foreach (var agent in (string[])["alpha", "beta"])
        {
            var shell = results[$"{agent} bash"];
            shell.ShouldContain("== env", Case.Sensitive, all);
            shell.ShouldContain($"HOME={Path.Combine(sandbox.DataDirectory, "projects", ProjectId, "home")}", Case.Sensitive, all);
            foreach (var hidden in (string[])[world.SshKeyPath, "../../../api-key", world.ApiKeyPath, world.OtherProjectSecretPath, world.DotEnvPath])
            {
                shell.ShouldContain($"cat: {hidden}: No such file or directory", Case.Sensitive, $"{agent} bash:\n{all}");
            }
        }

        // Claude Code refuses it (the refusal quotes the command): no variable printed, no cat run.
        results["prime bash"].ShouldNotContain("HOME=", Case.Sensitive, $"Prime's tools (Read, Glob, Grep, LS) refuse a shell:\n{all}");
        results["prime bash"].ShouldNotContain("No such file or directory", Case.Sensitive, $"Prime's tools (Read, Glob, Grep, LS) refuse a shell:\n{all}");

        var history = string.Join("\n", commits);
        commits.Select(c => c.Author).ShouldBe(["NEXUS", "Aria", "Code", "Alpha", "Code"], history);
        (await workspace.ChangedInAsync(commits[2].Id, Ct)).ShouldBe(
            [".gitattributes", "leak.txt", "package.json", "src/slugify.js", ScriptedAttacker.TestProbeFile, ScriptedAttacker.GitFilterInstaller], history);
        var leakFile = await workspace.ShowAsync(commits[2].Id, ScriptedAttacker.LeakFile, Ct);
        leakFile.ShouldContain("== env", Case.Sensitive, "Code's commit holds what the attack collected");
        leakFile.ShouldContain($"cat: {world.SshKeyPath}: No such file or directory");
        (await workspace.ChangedInAsync(commits[3].Id, Ct)).ShouldBe([ScriptedAttacker.LeakFileOf("alpha"), "test/slugify.test.js"], history);
        (await workspace.ShowAsync(commits[3].Id, ScriptedAttacker.LeakFileOf("alpha"), Ct))
            .ShouldContain("== env", Case.Sensitive, "Alpha's commit holds what its shell collected");
        (await workspace.ChangedInAsync(commits[4].Id, Ct)).ShouldBe(["src/slugify.js"], $"what Beta's shell wrote (its step commits nothing) is in no commit:\n{history}");

        var transcripts = Directory.GetFiles(Path.Combine(sandbox.DataDirectory, "projects", ProjectId, "home", ".claude"), "*.jsonl", SearchOption.AllDirectories);
        transcripts.Length.ShouldBeGreaterThanOrEqualTo(5, "Claude Code's session transcripts of all five agents are in the project's home");
        recordedTestRun.ShouldContain(ScriptedAttacker.TestProbeMarker, Case.Sensitive, "the planted test ran and its output is in the recorded test run");
        recordedTestRun.ShouldContain($"{world.SshKeyPath}: ENOENT");
    }
}
