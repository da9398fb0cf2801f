using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends;
using Nexus.Agents.Backends.Anthropic;
using Nexus.Agents.Roles;
using Nexus.Agents.Security;
using Nexus.Agents.Tests.Backends.OpenAI;
using Nexus.Agents.Tests.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Anthropic;

public sealed class AnthropicBackendTests : IAsyncLifetime
{
    private const string ApiKey = "sk-ant-api03-test-0123456789abcdefghij";
    private readonly TemporaryFolder _workspace = new();
    private FakeModelServer _server = null!;
    private AnthropicBackend _backend = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync(TestContext.Current.CancellationToken);
        _backend = new AnthropicBackend(new AnthropicBackendOptions { BaseUrl = _server.BaseUri, ApiKey = ApiKey });
        _workspace.WriteFile("README.md", "# Todo\n");
    }

    public async ValueTask DisposeAsync()
    {
        _backend.Dispose();
        await _server.DisposeAsync();
        _workspace.Dispose();
    }

    private AgentTurnRequest Request(string? model = "claude-sonnet-4-5", string? schema = null, string agentId = AgentIds.Alpha) =>
        OpenAICompatibleBackendTests.Request(_workspace.Path, backend: "anthropic", model: model, schema: schema, agentId: agentId);

    [Fact]
    public async Task RunTurn_WithProgress_StreamsTheToolInput_ReportsWhatArrivesAndEachEditedFile_AndAppliesTheWholeReply()
    {
        var input = new
        {
            summary = "Wrote tests for greet().",
            edits = new object[]
            {
                new { path = "tests/test_greeting.py", content = "def test_greet():\n    assert True\n", delete = false },
                new { path = "tests/__init__.py", content = string.Empty, delete = false },
            },
        };
        _server.Reply(_ => new ScriptedResponse(200, AnthropicWire.StreamedToolUse("nexus_turn", input, pieceLength: 9), "text/event-stream"));
        var progress = new Claude.CollectingProgress();

        var result = await _backend.RunTurnAsync(Request() with { Progress = progress }, TestContext.Current.CancellationToken);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        result.Text.ShouldBe("Wrote tests for greet().");
        result.ChangedFiles.ShouldBe(["tests/test_greeting.py", "tests/__init__.py"]);
        result.Usage.ShouldBe(new AgentUsage(2000, 400, 0.012m));
        File.ReadAllText(_workspace.Combine("tests", "test_greeting.py")).ShouldBe("def test_greet():\n    assert True\n");
        _server.Requests.ShouldHaveSingleItem().Json.GetProperty("stream").GetBoolean().ShouldBeTrue();
        progress.Reports.ShouldContain(p => p.Kind == AgentProgressKind.Streaming && p.Message.StartsWith("anthropic: claude-sonnet-4-5 is answering", StringComparison.Ordinal));
        progress.Reports.Where(p => p.Kind == AgentProgressKind.Tool).Select(p => p.Message).ShouldBe(["Edit tests/test_greeting.py", "Edit tests/__init__.py"]);
    }

    [Fact]
    public async Task RunTurn_WithProgress_StreamCutBeforeMessageStop_FailsAsAnUnfinishedReply_AndAppliesNothing()
    {
        var input = new { summary = "Half.", edits = new object[] { new { path = "tests/test_cut.py", content = "x = 1\n", delete = false } } };
        _server.Reply(_ => new ScriptedResponse(200, AnthropicWire.StreamedToolUse("nexus_turn", input, cut: true), "text/event-stream"));

        var result = await _backend.RunTurnAsync(Request() with { Progress = new Claude.CollectingProgress() }, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        result.Error.Message.ShouldContain("ended before it was finished");
        File.Exists(_workspace.Combine("tests", "test_cut.py")).ShouldBeFalse("a cut reply applies nothing");
    }

    [Fact]
    public async Task RunTurn_ForcedToolReply_AppliesEditsAndReportsUsage()
    {
        _server.Reply(200, AnthropicWire.ToolUse("nexus_turn", new
        {
            summary = "Wrote tests for greet().",
            edits = new object[]
            {
                new { path = "tests/test_greeting.py", content = "def test_greet():\n    assert True\n", delete = false },
                new { path = "README.md", content = (string?)null, delete = true },
            },
        }));

        var result = await _backend.RunTurnAsync(Request(), TestContext.Current.CancellationToken);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        result.Backend.ShouldBe("anthropic");
        result.Model.ShouldBe("claude-sonnet-4-5");
        result.Text.ShouldBe("Wrote tests for greet().");
        result.ChangedFiles.ShouldBe(["tests/test_greeting.py", "README.md"]);
        result.Usage.ShouldBe(new AgentUsage(2000, 400, 0.012m));
        result.Resources.ShouldBeNull("the Anthropic API runs no process here: CPU and memory are not applicable");
        File.ReadAllText(_workspace.Combine("tests", "test_greeting.py")).ShouldBe("def test_greet():\n    assert True\n");
        File.Exists(_workspace.Combine("README.md")).ShouldBeFalse();

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldStartWith("/v1/messages");
        request.Header("x-api-key").ShouldBe(ApiKey);
        request.Header("anthropic-version").ShouldNotBeNullOrEmpty();
        var body = request.Json;
        (body.TryGetProperty("stream", out var stream) && stream.GetBoolean()).ShouldBeFalse("Messages.Create does not stream");
        body.GetProperty("model").GetString().ShouldBe("claude-sonnet-4-5");
        body.GetProperty("max_tokens").GetInt32().ShouldBe(16000);
        body.GetProperty("system").ToString().ShouldStartWith("You are Alpha, the Test Creator of NEXUS");
        var tool = body.GetProperty("tools").EnumerateArray().ShouldHaveSingleItem();
        tool.GetProperty("name").GetString().ShouldBe("nexus_turn");
        tool.GetProperty("input_schema").GetProperty("type").GetString().ShouldBe("object");
        tool.GetProperty("input_schema").GetProperty("properties").GetProperty("edits").GetProperty("type").GetString().ShouldBe("array");
        body.GetProperty("tool_choice").GetProperty("type").GetString().ShouldBe("tool");
        body.GetProperty("tool_choice").GetProperty("name").GetString().ShouldBe("nexus_turn");
        var message = body.GetProperty("messages").EnumerateArray().ShouldHaveSingleItem();
        message.GetProperty("role").GetString().ShouldBe("user");
        message.GetProperty("content").ToString().ShouldContain("<file path=\"README.md\">\n# Todo\n</file>");
    }

    [Fact]
    public async Task RunTurn_OutputSchema_ReturnsStructuredDecision()
    {
        _server.Reply(200, AnthropicWire.ToolUse("nexus_decision", new { next = "beta", reason = "Tests are written." }));

        var result = await _backend.RunTurnAsync(Request(schema: OpenAICompatibleBackendTests.DecisionSchema, agentId: AgentIds.Prime), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.StructuredOutput!.Value.GetProperty("next").GetString().ShouldBe("beta");
        result.ChangedFiles.ShouldBeEmpty();
        var body = _server.Requests.ShouldHaveSingleItem().Json;
        body.GetProperty("tool_choice").GetProperty("name").GetString().ShouldBe("nexus_decision");
        body.GetProperty("tools")[0].GetProperty("input_schema").GetProperty("required").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task RunTurn_NonObjectOutputSchema_IsNotConfiguredWithoutACall()
    {
        var result = await _backend.RunTurnAsync(Request(schema: """{"type":"string"}"""), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.NotConfigured);
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(401, "authentication_error", "invalid x-api-key", AgentErrorKind.Authentication)]
    [InlineData(403, "permission_error", "Your API key does not have permission", AgentErrorKind.Authentication)]
    [InlineData(404, "not_found_error", "model: claude-nonexistent-9", AgentErrorKind.ModelNotFound)]
    [InlineData(429, "rate_limit_error", "Number of request tokens has exceeded your rate limit", AgentErrorKind.Transient)]
    [InlineData(500, "api_error", "Internal server error", AgentErrorKind.Transient)]
    [InlineData(529, "overloaded_error", "Overloaded", AgentErrorKind.Transient)]
    [InlineData(400, "invalid_request_error", "prompt is too long", AgentErrorKind.Unknown)]
    public async Task RunTurn_HttpError_IsClassified(int status, string type, string message, AgentErrorKind expected)
    {
        _server.Reply(status, AnthropicWire.Error(type, message));

        var result = await _backend.RunTurnAsync(Request(), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(expected);
        result.Error.StatusCode.ShouldBe(status);
        result.Error.Message.ShouldContain(message);
        _server.Requests.Count.ShouldBe(1, "the SDK's own retries are off");
    }

    [Fact]
    public async Task RunTurn_KeyEchoedInError_IsRedacted()
    {
        _server.Reply(401, AnthropicWire.Error("authentication_error", $"invalid x-api-key {ApiKey}"));

        var result = await _backend.RunTurnAsync(Request(), TestContext.Current.CancellationToken);

        result.Error!.Message.ShouldNotContain(ApiKey);
        result.Error.Message.ShouldContain(SecretRedactor.Mask);
    }

    [Fact]
    public async Task RunTurn_NoToolCall_IsInvalidResponse()
    {
        _server.Reply(200, AnthropicWire.TextOnly("I would rather chat.", stopReason: "max_tokens"));

        var result = await _backend.RunTurnAsync(Request(), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        result.Error.Message.ShouldContain("cut off at max_tokens");
    }

    [Fact]
    public async Task RunTurn_HostileEdit_IsInvalidResponseAndWritesNothing()
    {
        var before = _workspace.Snapshot();
        for (var i = 0; i < 3; i++)
        {
            _server.Reply(200, AnthropicWire.ToolUse("nexus_turn", new
            {
                summary = "x",
                edits = new object[] { new { path = "ok.txt", content = "fine", delete = false }, new { path = "/etc/cron.d/x", content = "boom", delete = false } },
            }));
        }

        var result = await _backend.RunTurnAsync(Request(), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        result.Error.Message.ShouldContain("absolute paths are not allowed");
        result.Error.Message.ShouldEndWith("(still invalid after 2 correction(s))");
        _server.Requests.Count.ShouldBe(3);
        _workspace.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task RunTurn_InvalidEditThenValid_SendsTheReasonBackAndApplies()
    {
        _server.Reply(200, AnthropicWire.ToolUse("nexus_turn", new { summary = "x", edits = new object[] { new { path = "../up.txt", content = "boom", delete = false } } }))
            .Reply(200, AnthropicWire.ToolUse("nexus_turn", new { summary = "Inside now.", edits = new object[] { new { path = "up.txt", content = "fine", delete = false } } }));

        var result = await _backend.RunTurnAsync(Request(), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        result.Text.ShouldBe("Inside now.");
        result.Usage.InputTokens.ShouldBe(4000);
        _server.Requests.Count.ShouldBe(2);
        var messages = _server.Requests[1].Json.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("role").GetString()).ShouldBe(["user", "assistant", "user"]);
        messages[1].GetProperty("content").ToString().ShouldContain("../up.txt");
        messages[2].GetProperty("content").ToString().ShouldContain("'..' segments are not allowed");
    }

    [Fact]
    public async Task Runner_Overloaded529_RetriedThenFallsBack()
    {
        _server.Reply(529, AnthropicWire.Error("overloaded_error", "Overloaded"))
            .Reply(529, AnthropicWire.Error("overloaded_error", "Overloaded"))
            .Reply(200, AnthropicWire.ToolUse("nexus_turn", new { summary = "Haiku did it.", edits = Array.Empty<object>() }, model: "claude-haiku-4-5"));
        var clock = new InstantRetryTimeProvider();
        var runner = new AgentTurnRunner(new AgentBackendRegistry(_backend), new AgentTurnRunnerOptions { UseJitter = false }, clock);
        var request = Request();
        request = request with { Agent = request.Agent with { MaxRetries = 1, FallbackModels = ["claude-haiku-4-5"] } };

        var result = await runner.RunAsync(request, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.Model.ShouldBe("claude-haiku-4-5");
        result.Text.ShouldBe("Haiku did it.");
        _server.Requests.Select(r => r.Json.GetProperty("model").GetString()).ShouldBe(["claude-sonnet-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"]);
        clock.Delays.ShouldBe([TimeSpan.FromSeconds(2)]);
    }
}
