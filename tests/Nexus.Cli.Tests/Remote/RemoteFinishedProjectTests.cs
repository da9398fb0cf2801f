using System.Text.Json;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Remote;

/// <summary><c>nexus demo --server</c> runs the demo on a real host to its end; the read commands show it with the same
/// shapes as on the local store.</summary>
public sealed class RemoteFinishedProjectTests(RemoteHost host, RemoteDemo demo) : IClassFixture<RemoteDemo>
{
    private const string Id = RemoteDemo.ProjectId;

    [Fact]
    public void Demo_Server_CompletesOnTheHostWithTheResultShape()
    {
        var result = demo.Demo;

        result.ExitCode.ShouldBe(0, result.ToString());
        var root = RemoteHost.Json(result);
        root.GetProperty("id").GetString().ShouldBe(Id);
        root.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        root.GetProperty("phase").GetString().ShouldBe("done");
        root.GetProperty("iterations").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        root.GetProperty("tests").GetProperty("passed").GetInt32().ShouldBeGreaterThan(0);
        root.GetProperty("tests").GetProperty("failed").GetInt32().ShouldBe(0);
        root.GetProperty("workspace").GetString().ShouldBe($"on the server at {host.Url}");
        root.GetProperty("commits").EnumerateArray().ShouldNotBeEmpty();

        // The host ran it: its own data directory has the project's git workspace.
        Directory.Exists(Path.Combine(host.DataDirectory, "projects", Id, "workspace", ".git")).ShouldBeTrue();
    }

    [Fact]
    public async Task MemorySearch_Server_FindsWhatTheHostsFinishedProjectLearned()
    {
        var status = RemoteHost.Json(await host.RunAsync(["status", Id, "--json"]));
        var description = status.GetProperty("input").GetProperty("description").GetString()!;

        // Other tests finish demo projects with the same description on this shared host (a restarted one, for example),
        // so the search asks for enough entries to hold this project's beside theirs.
        var json = await host.RunAsync(["memory", "search", description, "--json", "--limit", "50"]);
        var text = await host.RunAsync(["memory", "search", description, "--limit", "50"]);

        json.ExitCode.ShouldBe(0, json.ToString());
        var root = RemoteHost.Json(json);
        root.GetProperty("query").GetString().ShouldBe(description);
        // The host's memory, beside the host's store — not one in the CLI's own data directory.
        root.GetProperty("store").GetString()!.ShouldContain(Path.Combine(host.DataDirectory, "memory.db"));
        var results = root.GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBeInRange(1, 50);
        results.ShouldContain(r => r.GetProperty("projectId").GetString() == Id && r.GetProperty("kind").GetString() == "plan");
        text.ExitCode.ShouldBe(0, text.ToString());
        text.Stdout.ShouldContain($"[{Id}] plan: ");
    }

    [Fact]
    public async Task MemorySearch_Server_EmptyText_ExitsWith2BeforeAsking()
    {
        var result = await host.RunAsync(["memory", "search", " "]);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldBe("nexus: memory search: give the text to search for (see 'nexus memory search --help')");
    }

    [Fact]
    public async Task Status_Server_TextAndJsonShowTheCompletedProject()
    {
        var text = await host.RunAsync(["status", Id]);
        var json = await host.RunAsync(["status", Id, "--json"]);

        text.ExitCode.ShouldBe(0, text.ToString());
        text.Stdout.ShouldContain($"project {Id}");
        text.Stdout.ShouldContain("status:      completed");
        text.Stdout.ShouldContain("phase:       done");
        text.Stdout.ShouldContain("provider:    replay (scenario demo)");
        json.ExitCode.ShouldBe(0, json.ToString());
        var root = RemoteHost.Json(json);
        root.GetProperty("name").GetString().ShouldBe("ProjectOrchestration");
        root.GetProperty("instanceId").GetString().ShouldBe(Id);
        root.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        root.GetProperty("input").GetProperty("description").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("customStatus").GetProperty("phase").GetString().ShouldBe("done");
        root.GetProperty("output").GetProperty("tests").GetProperty("failed").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task List_Server_ListsTheHostsProjectsAndFiltersByStatus()
    {
        var completed = await host.RunAsync(["list", "--json", "--status", "completed"]);
        var ended = await host.RunAsync(["list", "--json", "--status", "failed,terminated"]);
        var text = await host.RunAsync(["list"]);

        completed.ExitCode.ShouldBe(0, completed.ToString());
        var root = RemoteHost.Json(completed);
        root.GetProperty("server").GetString().ShouldBe(host.Url);
        root.TryGetProperty("dataDirectory", out _).ShouldBeFalse();
        root.GetProperty("projects").EnumerateArray()
            .ShouldContain(p => p.GetProperty("id").GetString() == Id && p.GetProperty("runtimeStatus").GetString() == "Completed" && p.GetProperty("phase").GetString() == "done");
        ended.ExitCode.ShouldBe(0, ended.ToString());
        RemoteHost.Json(ended).GetProperty("projects").EnumerateArray().ShouldNotContain(p => p.GetProperty("id").GetString() == Id);
        text.ExitCode.ShouldBe(0, text.ToString());
        text.Stdout.Split('\n').ShouldContain(line => line.StartsWith(Id, StringComparison.Ordinal) && line.Contains("completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_Server_HasTheOrchestrationEventsInOrder()
    {
        var json = await host.RunAsync(["history", Id, "--json"]);
        var text = await host.RunAsync(["history", Id]);

        json.ExitCode.ShouldBe(0, json.ToString());
        var root = RemoteHost.Json(json);
        root.GetProperty("instanceId").GetString().ShouldBe(Id);
        var events = root.GetProperty("historyEvents").EnumerateArray().ToList();
        var kinds = events.Select(e => e.GetProperty("kind").GetString()).ToList();
        kinds.ShouldContain("ExecutionStarted");
        kinds.ShouldContain("ExecutionCompleted");
        events.ShouldContain(e => e.GetProperty("kind").GetString() == "TaskScheduled" && e.GetProperty("name").GetString() == "RunAgentStep");
        text.ExitCode.ShouldBe(0, text.ToString());
        text.Stdout.ShouldContain("ExecutionStarted");
        text.Stdout.ShouldContain("RunAgentStep");
    }

    [Fact]
    public async Task Agents_Server_HasTheTeamWithTheirSessions()
    {
        var json = await host.RunAsync(["agents", Id, "--json"]);
        var text = await host.RunAsync(["agents", Id]);

        json.ExitCode.ShouldBe(0, json.ToString());
        var agents = RemoteHost.Json(json).GetProperty("agents").EnumerateArray().ToList();
        agents.Select(a => a.GetProperty("agent").GetString()).ShouldBe(["prime", "aria", "code", "alpha", "beta"]);
        agents.ShouldAllBe(a => a.GetProperty("session").GetProperty("turns").GetInt32() >= 1 && a.GetProperty("session").GetProperty("backend").GetString() == "replay");
        text.ExitCode.ShouldBe(0, text.ToString());
        text.Stdout.Split('\n').ShouldContain(line => line.StartsWith("code", StringComparison.Ordinal) && line.Contains("replay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndedProject_Server_CancelHasNothingToDoApproveIsRefusedResumeReportsIt()
    {
        var cancel = await host.RunAsync(["cancel", Id]);
        var approve = await host.RunAsync(["approve", Id]);
        var resume = await host.RunAsync(["resume", Id]);

        cancel.ExitCode.ShouldBe(0, cancel.ToString());
        cancel.Stdout.ShouldContain("nothing to cancel");
        approve.ExitCode.ShouldBe(2, approve.ToString());
        approve.StderrLines.ShouldHaveSingleItem().ShouldContain("has already ended");
        resume.ExitCode.ShouldBe(0, resume.ToString());
        resume.Stdout.ShouldContain("has already ended");
        resume.Stdout.ShouldContain("tests:");
    }

    [Fact]
    public async Task Run_Server_IdOfTheFinishedProject_Exit2OneLineAndTheProjectIsUnchanged()
    {
        var before = await SnapshotAsync();

        var run = await host.RunAsync(["run", "replace the finished project", "--provider", "replay", "--id", Id]);

        run.ExitCode.ShouldBe(2, run.ToString());
        run.StderrLines.ShouldHaveSingleItem().ShouldBe(
            $"nexus: project '{Id}' already exists (completed); a start never replaces a project: choose another --id, " +
            $"run it again from the start with: nexus restart {Id} --server {host.Url}, or delete it first with: nexus purge {Id} --server {host.Url}");
        (await SnapshotAsync()).ShouldBe(before);
    }

    // What a replacement would change: the Durable status (runtime status, times, output = report) and the history.
    private async Task<string> SnapshotAsync()
    {
        var status = await host.RunAsync(["status", Id, "--json"]);
        var history = await host.RunAsync(["history", Id, "--json"]);
        status.ExitCode.ShouldBe(0, status.ToString());
        history.ExitCode.ShouldBe(0, history.ToString());
        RemoteHost.Json(history).GetProperty("historyEvents").GetArrayLength().ShouldBeGreaterThan(2);
        return status.Stdout + history.Stdout;
    }
}
