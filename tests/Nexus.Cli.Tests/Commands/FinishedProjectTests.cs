using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary><c>nexus demo --json</c> and the commands that read the finished project (and <c>doctor</c> on its store).</summary>
public sealed class FinishedProjectTests(DemoFixture fixture) : IClassFixture<DemoFixture>
{
    private const string FakeOpenAIKey = "sk-nexus-test-0123456789abcdefFAKE";
    private const string FakeAnthropicKey = "sk-ant-nexus-test-FAKE-9876543210";

    private NexusCli Cli => fixture.Cli;

    [Fact]
    public void Demo_Json_CompletesWithExit0AndTheResultShape()
    {
        var result = fixture.Demo;
        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;

        root.GetProperty("id").GetString().ShouldBe("demo-1");
        root.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        root.GetProperty("phase").GetString().ShouldBe("done");
        root.GetProperty("iterations").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        root.GetProperty("costUsd").GetDecimal().ShouldBeGreaterThanOrEqualTo(0m);
        root.GetProperty("tests").GetProperty("passed").GetInt32().ShouldBeGreaterThan(0);
        root.GetProperty("tests").GetProperty("failed").GetInt32().ShouldBe(0);
        var workspace = root.GetProperty("workspace").GetString()!;
        Directory.Exists(Path.Combine(workspace, ".git")).ShouldBeTrue(workspace);
        var commits = root.GetProperty("commits").EnumerateArray().ToList();
        commits.ShouldNotBeEmpty();
        commits.ShouldAllBe(c => c.GetProperty("agent").GetString()!.Length > 0 && c.GetProperty("commit").GetString()!.Length >= 7 && c.GetProperty("message").GetString()!.Length > 0);
    }

    [Fact]
    public async Task Status_Json_HasTheDurableStatusShape()
    {
        var result = await Cli.RunAsync("status", fixture.ProjectId, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("instanceId").GetString().ShouldBe(fixture.ProjectId);
        root.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        root.GetProperty("input").GetProperty("description").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("customStatus").GetProperty("phase").GetString().ShouldBe("done");
        root.GetProperty("output").ValueKind.ShouldBe(JsonValueKind.Object);
        root.GetProperty("createdTime").GetDateTimeOffset().ShouldBeLessThanOrEqualTo(root.GetProperty("lastUpdatedTime").GetDateTimeOffset());
    }

    [Fact]
    public async Task Status_Text_ShowsStatusPhaseAndWorkspace()
    {
        var result = await Cli.RunAsync("status", fixture.ProjectId);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("status:      completed");
        result.Stdout.ShouldContain("phase:       done");
        result.Stdout.ShouldContain(Path.Combine("projects", fixture.ProjectId, "workspace"));
    }

    [Fact]
    public async Task Status_NoId_ShowsTheSystemOverview()
    {
        var result = await Cli.RunAsync("status");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldStartWith("NEXUS — ");
        result.Stdout.ShouldContain("completion rate: 100%");
        result.Stdout.ShouldContain("uptime:          no host runs here");
        result.Stdout.ShouldContain("Aria (");
        result.Stdout.ShouldContain("active: none");
    }

    [Fact]
    public async Task Status_NoId_Json_HasTheKpisPerAgent()
    {
        var result = await Cli.RunAsync("status", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("projects").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        root.GetProperty("completionRate").GetDouble().ShouldBe(1.0);
        root.GetProperty("uptimeSeconds").ValueKind.ShouldBe(JsonValueKind.Null);
        var agents = root.GetProperty("agents").EnumerateArray().ToList();
        agents.Select(a => a.GetProperty("agent").GetString()).ShouldBe(["prime", "aria", "code", "alpha", "beta"]);
        agents.ShouldAllBe(a => a.GetProperty("turns").GetInt32() > 0 && a.GetProperty("averageResponseSeconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task Execute_Task_RunsAProjectLikeRun()
    {
        // Its own data directory: the other tests here count the demo's store.
        using var cli = new NexusCli();
        var result = await cli.RunAsync("execute", "--task", "Build slugkit", "--provider", "replay", "--json", "--id", "execute-1");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("id").GetString().ShouldBe("execute-1");
        json.RootElement.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
    }

    [Fact]
    public async Task List_Json_ListsTheProjectAndFiltersByStatus()
    {
        var all = await Cli.RunAsync("list", "--json");
        var failed = await Cli.RunAsync("list", "--json", "--status", "failed,terminated");

        all.ExitCode.ShouldBe(0, all.ToString());
        using var allJson = JsonDocument.Parse(all.Stdout);
        allJson.RootElement.GetProperty("projects").EnumerateArray()
            .ShouldContain(p => p.GetProperty("id").GetString() == fixture.ProjectId && p.GetProperty("runtimeStatus").GetString() == "Completed");
        failed.ExitCode.ShouldBe(0, failed.ToString());
        using var failedJson = JsonDocument.Parse(failed.Stdout);
        failedJson.RootElement.GetProperty("projects").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task History_Json_HasTheOrchestrationEvents()
    {
        var result = await Cli.RunAsync("history", fixture.ProjectId, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var kinds = json.RootElement.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        kinds.ShouldContain("ExecutionStarted");
        kinds.ShouldContain("ExecutionCompleted");
    }

    [Fact]
    public async Task Agents_Json_HasTheTeamWithTheirSessions()
    {
        var result = await Cli.RunAsync("agents", fixture.ProjectId, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var agents = json.RootElement.GetProperty("agents").EnumerateArray().ToList();
        agents.Select(a => a.GetProperty("agent").GetString()).ShouldBe(["prime", "aria", "code", "alpha", "beta"]);
        agents.ShouldAllBe(a => a.GetProperty("session").GetProperty("turns").GetInt32() >= 1);
    }

    [Fact]
    public async Task Status_UnknownIdInAnExistingStore_Exits2()
    {
        var result = await Cli.RunAsync("status", "p-unknown");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldContain("no project with id 'p-unknown'");
    }

    [Fact]
    public async Task Cancel_FinishedProject_SaysThereIsNothingToCancel()
    {
        var result = await Cli.RunAsync("cancel", fixture.ProjectId);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("nothing to cancel");
    }

    [Fact]
    public async Task Approve_FinishedProject_Exits2()
    {
        var result = await Cli.RunAsync("approve", fixture.ProjectId);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldContain("has already ended");
    }

    [Fact]
    public async Task RunAndDemo_IdOfTheFinishedProject_Exit2OneLineAndTheProjectIsUnchanged()
    {
        var id = fixture.ProjectId;
        var before = await SnapshotAsync(id);

        var run = await Cli.RunAsync("run", "replace the finished project", "--provider", "replay", "--id", id);
        var demo = await Cli.RunAsync("demo", "--id", id);

        foreach (var result in new[] { run, demo })
        {
            result.ExitCode.ShouldBe(2, result.ToString());
            result.StderrLines.ShouldHaveSingleItem().ShouldBe(
                $"nexus: project '{id}' already exists (completed); a start never replaces a project: choose another --id, " +
                $"run it again from the start with: nexus restart {id} --data {Cli.DataDirectory}, or delete it first with: nexus purge {id} --data {Cli.DataDirectory}");
            result.Stdout.ShouldBeEmpty();
        }

        (await SnapshotAsync(id)).ShouldBe(before);
    }

    [Fact]
    public async Task Resume_FinishedProject_ReportsItAndExits0()
    {
        var result = await Cli.RunAsync("resume", fixture.ProjectId);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("has already ended");
        result.Stdout.ShouldContain("tests:");
    }

    [Fact]
    public async Task Doctor_WithKeysSet_ShowsPresenceButNeverTheValues()
    {
        var environment = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = FakeOpenAIKey,
            ["ANTHROPIC_API_KEY"] = FakeAnthropicKey,
            ["NEXUS_CLAUDE_PATH"] = Path.Combine(Cli.WorkingDirectory, "no-claude"),
        };

        var result = await Cli.RunAsync(["doctor"], environment);

        var output = result.Stdout + result.Stderr;
        output.ShouldNotContain(FakeOpenAIKey);
        output.ShouldNotContain(FakeAnthropicKey);
        output.ShouldNotContain("0123456789abcdef");
        result.Stdout.Split('\n').ShouldContain(line => line.StartsWith("ok", StringComparison.Ordinal) && line.Contains("OPENAI_API_KEY", StringComparison.Ordinal) && line.TrimEnd().EndsWith(" set", StringComparison.Ordinal));
        result.Stdout.Split('\n').ShouldContain(line => line.Contains("AZURE_OPENAI_API_KEY", StringComparison.Ordinal) && line.TrimEnd().EndsWith("not set", StringComparison.Ordinal));
        output.ShouldContain("git");
        output.ShouldContain("store");
        output.ShouldContain("schema ok, 1 project (1 completed)");
        result.Stdout.Split('\n').ShouldContain(line => line.StartsWith("ok", StringComparison.Ordinal) && line.Contains(" sqlite ", StringComparison.Ordinal) && line.Contains(" SQLite 3.", StringComparison.Ordinal));
        result.ExitCode.ShouldBe(0, result.ToString());
    }

    // What a replacement would change: the Durable status (runtime status, times, output = report) and the history.
    private async Task<string> SnapshotAsync(string id)
    {
        var status = await Cli.RunAsync("status", id, "--json");
        var history = await Cli.RunAsync("history", id, "--json");
        status.ExitCode.ShouldBe(0, status.ToString());
        history.ExitCode.ShouldBe(0, history.ToString());
        using var json = JsonDocument.Parse(history.Stdout);
        json.RootElement.GetProperty("historyEvents").GetArrayLength().ShouldBeGreaterThan(2);
        return status.Stdout + history.Stdout;
    }
}
