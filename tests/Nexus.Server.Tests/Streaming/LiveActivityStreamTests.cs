using System.Net;
using System.Text.Json;
using Nexus.Server.Tests.Support;
using Nexus.Testing.Claude;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Streaming;

/// <summary>Live agent activity on the event stream, end to end: Code runs on the REAL <c>claude</c> CLI (stream-json)
/// against a fake Anthropic API on 127.0.0.1, the other agents replay the demo; the tool use inside Claude's turn reaches an
/// SSE client as an <c>activity</c> event while the turn runs, and none of it enters the durable history.</summary>
public sealed class LiveActivityStreamTests(ClaudeCliFixture claude) : IClassFixture<ClaudeCliFixture>
{
    public const string CodeModel = "nexus-live-code";

    [Fact]
    public async Task Stream_ClaudeTurnWritesAFile_ActivityEventArrivesWhileTheTurnRuns_AndIsNotHistory()
    {
        await using var api = await FakeAnthropicServer.StartAsync(Ct);
        await using var host = LiveClaudeHost.Create(api, claude.ExecutablePath, CodeModel);
        var id = NewId("live-claude");
        var workspace = host.Factory.Runtime.Options.WorkspaceDirectory(id);
        api.Script(CodeModel, ToolTurn.Script(
            [("Write", new { file_path = Path.Combine(workspace, "src", "csv2json.js"), content = "module.exports = (csv) => [];\n" })],
            "The converter is in place."));
        using var client = host.Factory.CreateApiClient();
        await client.StartAsync(LiveClaudeHost.Project(id));

        JsonElement? write = null;
        var items = await SseReader.ReadAsync(
            client,
            $"/api/projects/{id}/stream",
            null,
            (item, _) => item.EventType == "history" && item.Data.Contains("\"TaskCompleted\"", StringComparison.Ordinal)
                && item.Data.Contains("\"backend\":\"claude\"", StringComparison.Ordinal),
            item =>
            {
                if (item.EventType == "activity" && write is null && JsonDocument.Parse(item.Data).RootElement is { } activity
                    && activity.GetProperty("kind").GetString() == "Tool")
                {
                    write = activity.Clone();
                }

                return Task.CompletedTask;
            },
            TimeSpan.FromSeconds(150));

        var tool = write.ShouldNotBeNull("an activity event for Claude's tool use");
        tool.GetProperty("agentId").GetString().ShouldBe("code");
        tool.GetProperty("agentName").GetString().ShouldBe("Code");
        tool.GetProperty("text").GetString().ShouldBe("Write src/csv2json.js");
        tool.GetProperty("tool").GetString().ShouldBe("Write");
        tool.GetProperty("target").GetString().ShouldBe("src/csv2json.js");
        tool.GetProperty("stepKey").GetString().ShouldStartWith("implement/code/");
        var activities = items.Where(i => i.EventType == "activity").ToList();
        activities.ShouldAllBe(i => string.IsNullOrEmpty(i.EventId), "live activity has no id: it never moves the resume position");
        activities.Select(i => JsonDocument.Parse(i.Data).RootElement.GetProperty("kind").GetString()).ShouldContain("Session");

        // The activity arrived before the step's result was recorded: live, not read back from the history.
        var toolIndex = items.FindIndex(i => i.EventType == "activity" && i.Data.Contains("\"Write src/csv2json.js\"", StringComparison.Ordinal));
        toolIndex.ShouldBeLessThan(items.Count - 1);
        items[^1].EventType.ShouldBe("history");

        // What survives is the step's result, once; nothing of the live activity is in the durable history.
        await (await client.PostAsync($"/api/projects/{id}/terminate?reason=seen", null, Ct)).ShouldBeAsync(HttpStatusCode.Accepted);
        var history = JsonSerializer.Serialize(await host.Factory.Projects.GetHistoryAsync(id, Ct));
        history.ShouldNotContain("Claude Code session");
        history.ShouldNotContain("Write src/csv2json.js");
        history.ShouldContain("src/csv2json.js", Case.Sensitive, "the step's recorded result names the file it changed");
    }
}
