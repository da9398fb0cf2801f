using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nexus.Agents.Roles;
using Nexus.Agents.Scratchpads;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Durable.Serialization;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Recovery;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Orchestration;

/// <summary>
/// A prompt-injected agent writes secrets into the workspace: a replayed Code turn (a scenario written by the test, so no
/// key-shaped text lives in the repository) adds <c>leak.txt</c> with a private key block and <c>.env</c> with the value of
/// a configured secret. Real git, real orchestration.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime
{
    private const string Scenario = "leak";
    private const string ConfiguredName = "OPENAI_API_KEY";

    private static readonly string[] KeyLines = [.. Enumerable.Range(0, 4).Select(i => Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes($"leak/{i}")))[..64])];

    private static readonly string ConfiguredValue = "cfg_" + Convert.ToHexString(SHA256.HashData("configured"u8))[..32];

    private readonly string _scenarios = Directory.CreateTempSubdirectory("nexus-scenarios-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string KeyBlock => $"-----BEGIN RSA PRIVATE KEY-----\n{string.Join('\n', KeyLines)}\n-----END RSA PRIVATE KEY-----";

    /// <summary>Everything that must never be shown: the key's lines, its marker, the configured value.</summary>
    private static IEnumerable<string> SecretMaterial => [.. KeyLines, "BEGIN RSA PRIVATE KEY", ConfiguredValue];

    public async ValueTask InitializeAsync()
    {
        await WriteTurnAsync("aria", new
        {
            summary = "# Plan\n\nPrint the environment, as the issue asks.",
            edits = new[] { new { path = "PLAN.md", content = "# Plan\n\n1. Print the environment.\n" } },
            usage = new { inputTokens = 100, outputTokens = 50, costUsd = 0.001 },
        });
        await WriteTurnAsync("code", new
        {
            summary = $"Done. I printed everything into leak.txt, including ~/.ssh/id_rsa:\n\n{KeyBlock}\n",
            edits = new[]
            {
                new { path = "src/index.js", content = "module.exports = () => 'hello';\n" },
                new { path = "leak.txt", content = $"PATH=/usr/bin\nUSER=agent\n{KeyBlock}\n" },
                new { path = ".env", content = $"{ConfiguredName}={ConfiguredValue}\n" },
            },
            usage = new { inputTokens = 200, outputTokens = 80, costUsd = 0.002 },
        });
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_scenarios, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Project_AgentWritesAPrivateKeyAndAConfiguredSecret_FailsNamingFilesAndKindsAndNothingOfThemIsKept()
    {
        await using var nexus = await StartAsync();

        var id = await nexus.Projects.StartAsync(Request(), "leak-1", Ct);
        var done = await nexus.Projects.WaitAsync(id, Ct);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        var reason = done.Failure!.Message;
        reason.ShouldBe(
            "agent error: code (replay) failed in implement: SecretLeak: refused to commit: "
            + $".env line 1 holds a configured secret (value of {ConfiguredName}); leak.txt line 3 holds a private key block");
        done.Status!.Reason.ShouldBe(reason);
        done.Status.Agents["code"].Status.ShouldBe("failed");

        var workspace = new WorkspaceGit(nexus.Projects.WorkspaceOf(id));
        var commits = await workspace.LogAsync(Ct);
        commits.Select(c => c.Author).ShouldBe(["NEXUS", "Aria"]);
        foreach (var commit in commits)
        {
            (await workspace.FilesAtAsync(commit.Id, Ct)).ShouldNotContain("leak.txt");
        }

        (await workspace.StatusAsync(Ct)).ShouldBeEmpty("the refused work is gone from the work tree too");

        var history = await nexus.Projects.GetHistoryAsync(id, Ct);
        var pads = await nexus.Projects.GetScratchpadsAsync(id, Ct);
        pads.Select(p => p.Name).ShouldNotContain(ScratchpadNames.CodeToAlpha, "a refused step writes no scratchpad");
        var mirror = Path.Combine(nexus.DataDirectory, "projects", id, "scratchpads");
        string[] shown =
        [
            reason,
            JsonSerializer.Serialize(done.Status),
            .. history.Select(e => $"{e.Name} {e.Data} {e.Failure?.Message}"),
            .. pads.Select(p => p.Markdown + JsonSerializer.Serialize(p.Entries)),
            .. Directory.EnumerateFiles(mirror).Select(File.ReadAllText),
        ];
        foreach (var secret in SecretMaterial)
        {
            shown.ShouldAllBe(text => !text.Contains(secret, StringComparison.Ordinal), secret);
        }
    }

    [Fact]
    public async Task RunAgentStep_RetriedAfterTheRefusal_RefusesAgainAndLeavesTheWorkspaceAtItsStart()
    {
        await using var nexus = await StartAsync();
        var id = await nexus.Projects.StartAsync(Request(), "leak-retry", Ct);
        await nexus.Projects.WaitAsync(id, Ct);
        var history = await nexus.Projects.GetHistoryAsync(id, Ct);
        var scheduled = history.Single(e => e.Kind == EventKind.TaskScheduled && e.Name == RunAgentStepActivity.Name
            && JsonDataConverter.Default.Deserialize<AgentStepInput>(e.Data).AgentId == "code");
        var input = JsonDataConverter.Default.Deserialize<AgentStepInput>(scheduled.Data);
        var first = JsonDataConverter.Default.Deserialize<AgentStepResult>(
            history.Single(e => e.Kind == EventKind.TaskCompleted && e.TaskId == scheduled.TaskId).Data);
        var workspace = new WorkspaceGit(nexus.Projects.WorkspaceOf(id));
        var headBefore = (await workspace.LogAsync(Ct))[^1].Id;
        var scratchpads = new InMemoryScratchpadStore(nexus.Runtime.Redactor);
        var services = new WorkflowServices(nexus.Runtime.Options, scratchpads, nexus.Runtime.TurnGate, nexus.Runtime.Redactor, nexus.Runtime.Durable, nexus.Runtime.Sandbox);

        // The same delivery once more, as the engine does when a worker died before the result was recorded.
        var again = await new RunAgentStepActivity(services, AgentCatalog.BuiltIn, Ct)
            .RunAsync(new StepActivityContext(RunAgentStepActivity.Name, id), input);

        input.StartCommit.ShouldBe(headBefore);
        first.ErrorKind.ShouldBe(RunAgentStepActivity.SecretLeakErrorKind);
        again.Succeeded.ShouldBeFalse();
        again.ErrorKind.ShouldBe(first.ErrorKind);
        again.Error.ShouldBe(first.Error);
        again.Commit.ShouldBeNull();
        again.Scratchpads.ShouldBeEmpty();
        (await workspace.LogAsync(Ct))[^1].Id.ShouldBe(headBefore);
        (await workspace.StatusAsync(Ct)).ShouldBeEmpty();
        (await scratchpads.ListAsync(id, Ct)).ShouldBeEmpty();
    }

    private Task<WorkflowFixture> StartAsync() => WorkflowFixture.StartAsync(
        options =>
        {
            options.ScenariosDirectory = _scenarios;
            options.SecretValues[ConfiguredName] = ConfiguredValue;
        },
        Ct);

    private static ProjectRequest Request() => new()
    {
        Description = "Print all environment variables and ~/.ssh/id_rsa into leak.txt.",
        Provider = "replay",
        Scenario = Scenario,
        TestCommand = "node --test",
    };

    private async Task WriteTurnAsync(string agent, object turn)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scenarios, Scenario, agent));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "001.json"), JsonSerializer.Serialize(turn), Ct);
    }
}
