using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.Claude;
using Nexus.Testing.Claude;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>Turns and sessions with the real <c>claude</c> CLI against <see cref="FakeAnthropicServer"/>.</summary>
public sealed class ClaudeCodeBackendTests(ClaudeCliFixture cli) : IClassFixture<ClaudeCliFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunTurnAsync_PlainPrompt_ReturnsTextSessionIdCostAndUsage()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.Script("nexus-plain", _ => FakeReply.Text("Plan written: three steps."));

        var result = await sandbox.Backend().RunTurnAsync(sandbox.Request("nexus-plain", "Plan the calculator."), Token);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        result.Text.ShouldBe("Plan written: three steps.");
        result.Backend.ShouldBe("claude");
        result.Model.ShouldBe("nexus-plain");
        Guid.TryParse(result.SessionId, out _).ShouldBeTrue();
        result.SessionRestarted.ShouldBeFalse();
        result.Usage.InputTokens.ShouldBe(25);
        result.Usage.OutputTokens.ShouldBe(7);
        result.Usage.CostUsd.ShouldBeGreaterThan(0m);
        result.Duration.ShouldBeGreaterThan(TimeSpan.Zero);
        result.PermissionDenials.ShouldBeEmpty();

        var request = sandbox.Server.Requests.ShouldHaveSingleItem();
        request.PathAndQuery.ShouldBe("/v1/messages?beta=true");
        request.Model.ShouldBe("nexus-plain");
        request.SystemText.ShouldContain("# You are Aria, the Architect of a NEXUS agent team");
        request.SystemText.ShouldContain("Write the plan to aria_to_code.md when asked.");
        request.Messages[0].Role.ShouldBe("user");
        request.Messages[0].Text.ShouldContain("Plan the calculator.");
        request.Headers["x-claude-code-session-id"].ShouldBe(result.SessionId);
    }

    [Fact]
    public async Task RunTurnAsync_ReplyUsesWriteTool_FileAppearsInWorkspace()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var target = Path.Combine(sandbox.Workspace, "aria_to_code.md");
        sandbox.Server.ScriptToolThenText("nexus-write", "Write", new { file_path = target, content = "# Plan\n1. Parse\n2. Evaluate\n" }, "I wrote the plan.");

        var result = await sandbox.Backend().RunTurnAsync(sandbox.Request("nexus-write", "Write the plan."), Token);

        result.Succeeded.ShouldBeTrue();
        result.Text.ShouldBe("I wrote the plan.");
        result.PermissionDenials.ShouldBeEmpty();
        (await File.ReadAllTextAsync(target, Token)).ShouldBe("# Plan\n1. Parse\n2. Evaluate\n");
        var requests = sandbox.Server.Requests;
        requests.Count.ShouldBe(2);
        requests[0].ToolNames.ShouldContain("Write");
        requests[1].LastMessageHasToolResult.ShouldBeTrue();
        result.Usage.InputTokens.ShouldBe(50);
        result.Usage.OutputTokens.ShouldBe(14);
    }

    [Fact]
    public async Task RunTurnAsync_WithSessionId_ResumesTheSessionAndResendsTheConversation()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.Script("nexus-resume", request => FakeReply.Text($"Reply #{sandbox.Server.Requests.Count}"));
        var backend = sandbox.Backend();

        var first = await backend.RunTurnAsync(sandbox.Request("nexus-resume", "Turn one: remember the number 4711."), Token);
        var second = await backend.RunTurnAsync(sandbox.Request("nexus-resume", "Turn two: which number?") with { SessionId = first.SessionId }, Token);

        first.Succeeded.ShouldBeTrue();
        second.Succeeded.ShouldBeTrue();
        second.SessionId.ShouldBe(first.SessionId);
        second.Text.ShouldBe("Reply #2");
        var resumed = sandbox.Server.Requests[1];
        resumed.AllMessagesText.ShouldContain("Turn one: remember the number 4711.");
        resumed.AllMessagesText.ShouldContain("Reply #1");
        resumed.Messages[^1].Text.ShouldContain("Turn two: which number?");
    }

    [Fact]
    public async Task RunTurnAsync_ForkSession_GetsNewSessionCarryingHistoryAndLeavesOriginalUntouched()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.Script("nexus-fork", request => FakeReply.Text($"Reply #{sandbox.Server.Requests.Count}"));
        var backend = sandbox.Backend();
        var first = await backend.RunTurnAsync(sandbox.Request("nexus-fork", "Turn one."), Token);

        var retry = await backend.RunTurnAsync(
            sandbox.Request("nexus-fork", "Turn two, attempt two.") with { SessionId = first.SessionId, ForkSession = true }, Token);
        var afterFork = await backend.RunTurnAsync(
            sandbox.Request("nexus-fork", "Turn two, from the recorded session.") with { SessionId = first.SessionId }, Token);

        retry.Succeeded.ShouldBeTrue();
        retry.SessionId.ShouldNotBeNull();
        retry.SessionId.ShouldNotBe(first.SessionId);
        var forked = sandbox.Server.Requests[1];
        forked.AllMessagesText.ShouldContain("Turn one.");
        forked.AllMessagesText.ShouldContain("Reply #1");
        forked.Messages[^1].Text.ShouldContain("Turn two, attempt two.");

        afterFork.SessionId.ShouldBe(first.SessionId);
        var original = sandbox.Server.Requests[2];
        original.AllMessagesText.ShouldContain("Turn one.");
        original.AllMessagesText.ShouldNotContain("attempt two");
    }

    [Fact]
    public async Task RunTurnAsync_SessionExpired_StartsFreshSessionSeededFromTheScratchpads()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var expired = Guid.NewGuid().ToString();
        var progress = new CollectingProgress();
        var request = sandbox.Request("nexus-expired", "Implement step 2.") with
        {
            SessionId = expired,
            SessionSeed = "## aria_to_code.md\nStep 1 is done; step 2 adds division.",
            Progress = progress,
        };

        var result = await sandbox.Backend().RunTurnAsync(request, Token);

        result.Succeeded.ShouldBeTrue();
        result.SessionRestarted.ShouldBeTrue();
        Guid.TryParse(result.SessionId, out _).ShouldBeTrue();
        result.SessionId.ShouldNotBe(expired);
        result.Text.ShouldBe(FakeAnthropicServer.DefaultText);
        var fresh = sandbox.Server.Requests.ShouldHaveSingleItem();
        fresh.Messages.Count(message => message.Role == "assistant").ShouldBe(0);
        fresh.AllMessagesText.ShouldContain("Step 1 is done; step 2 adds division.");
        fresh.AllMessagesText.ShouldContain("Implement step 2.");
        progress.Messages.ShouldContain(message => message.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunTurnAsync_SessionExpiredWithRestartOff_FailsAsSessionExpired()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var request = sandbox.Request("nexus-expired", "Implement step 2.") with { SessionId = Guid.NewGuid().ToString() };

        var result = await sandbox.Backend(options => options.RestartExpiredSessions = false).RunTurnAsync(request, Token);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().Kind.ShouldBe(AgentErrorKind.SessionExpired);
        result.Error.Message.ShouldContain("No conversation found");
        result.SessionRestarted.ShouldBeFalse();
        sandbox.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunTurnAsync_WithProgress_ReportsSessionStartToolUseAndMessagesFromStreamJson()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var target = Path.Combine(sandbox.Workspace, "code_to_alpha.md");
        sandbox.Server.ScriptToolThenText("nexus-progress", "Write", new { file_path = target, content = "ready\n" }, "Handed over to Alpha.");
        var progress = new CollectingProgress();

        var result = await sandbox.Backend().RunTurnAsync(sandbox.Request("nexus-progress", "Hand over.") with { Progress = progress }, Token);

        result.Succeeded.ShouldBeTrue();
        result.Text.ShouldBe("Handed over to Alpha.");
        Guid.TryParse(result.SessionId, out _).ShouldBeTrue();
        result.Usage.OutputTokens.ShouldBe(14);
        File.Exists(target).ShouldBeTrue();
        progress.Reports.ShouldAllBe(report => report.AgentId == "aria");
        var messages = progress.Messages;
        messages[0].ShouldStartWith($"Claude Code session {result.SessionId} started (model nexus-progress");
        messages.ShouldContain("Write code_to_alpha.md");
        progress.Reports.ShouldContain(report => report.Kind == AgentProgressKind.Tool && report.Tool == "Write" && report.Target == "code_to_alpha.md");
        messages[^1].ShouldBe("Handed over to Alpha.");
    }

    [Fact]
    public async Task RunTurnAsync_OutputSchema_ReturnsStructuredOutput()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.ScriptToolThenText("nexus-schema", "StructuredOutput", new { next = "code", reason = "plan is ready" }, "unused");
        var schema = """{"type":"object","properties":{"next":{"type":"string"},"reason":{"type":"string"}},"required":["next","reason"]}""";

        var result = await sandbox.Backend().RunTurnAsync(sandbox.Request("nexus-schema", "Route the work.") with { OutputSchema = schema }, Token);

        result.Succeeded.ShouldBeTrue();
        var structured = result.StructuredOutput.ShouldNotBeNull();
        structured.GetProperty("next").GetString().ShouldBe("code");
        structured.GetProperty("reason").GetString().ShouldBe("plan is ready");
        sandbox.Server.Requests[0].ToolNames.ShouldContain("StructuredOutput");
    }

    [Fact]
    public async Task RunTurnAsync_BypassPermissionsConfigured_RunsAsRootAndWritesWithoutAllowList()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var target = Path.Combine(sandbox.Workspace, "bypass.txt");
        sandbox.Server.ScriptToolThenText("nexus-bypass", "Write", new { file_path = target, content = "bypassed\n" }, "Done.");

        var result = await sandbox.Backend().RunTurnAsync(
            sandbox.Request("nexus-bypass", "Write it.", agent => agent with { PermissionMode = "bypassPermissions", AllowedTools = [] }), Token);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        (await File.ReadAllTextAsync(target, Token)).ShouldBe("bypassed\n");
    }

    [Fact]
    public async Task RunTurnAsync_ReplyEchoesTheApiKey_TextAndProgressAreRedacted()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var key = sandbox.Options().Environment["ANTHROPIC_API_KEY"]!;
        sandbox.Server.Script("nexus-leak", _ => FakeReply.Text($"Your key is {key}, keep it safe."));
        var progress = new CollectingProgress();

        var result = await sandbox.Backend().RunTurnAsync(sandbox.Request("nexus-leak", "What is my key?") with { Progress = progress }, Token);

        result.Succeeded.ShouldBeTrue();
        result.Text.ShouldNotContain(key);
        result.Text.ShouldContain("[REDACTED]");
        progress.Messages.ShouldNotBeEmpty();
        progress.Messages.ShouldAllBe(message => !message.Contains(key, StringComparison.Ordinal));
    }
}
