using System.Text.Json;
using Azure.Core;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.OpenAI;
using Nexus.Agents.Roles;
using Nexus.Agents.Security;
using Nexus.Agents.Tests.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.OpenAI;

public sealed class OpenAICompatibleBackendTests : IAsyncLifetime
{
    internal const string DecisionSchema = """
        {"type":"object","properties":{"next":{"type":"string","enum":["aria","code","alpha","beta","done"]},"reason":{"type":"string"}},
         "required":["next","reason"],"additionalProperties":false}
        """;

    private const string ApiKey = "sk-test-0123456789abcdefghijklmnop";
    private readonly TemporaryFolder _workspace = new();
    private FakeModelServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync(TestContext.Current.CancellationToken);
        _workspace.WriteFile("greeting.py", "def greet():\n    return 'hi'\n");
        _workspace.WriteFile("obsolete.txt", "old\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _workspace.Dispose();
    }

    internal static AgentTurnRequest Request(string workspace, string backend = "openai", string? model = "gpt-4.1", string? schema = null, string agentId = AgentIds.Code) => new()
    {
        Agent = AgentCatalog.BuiltIn[agentId] with { Backend = backend, Model = model },
        Prompt = "Implement the greeting module.",
        WorkspacePath = workspace,
        StepKey = "iter-1/code",
        SessionSeed = "aria_to_code.md: greet(name) returns 'Hello, <name>!'",
        OutputSchema = schema,
    };

    private OpenAICompatibleBackend Backend(OpenAICompatibleBackendOptions? options = null) =>
        new(options ?? new OpenAICompatibleBackendOptions { Endpoint = new Uri(_server.BaseUri, "/v1"), ApiKey = ApiKey });

    [Fact]
    public async Task RunTurn_WithProgress_StreamsTheReply_ReportsWhatArrivesAndEachEditedFile_AndAppliesTheWholeReply()
    {
        var reply = OpenAIWire.Reply("Implemented greet(name).", OpenAIWire.Write("greeting.py", "def greet(name):\n    return f'Hello, {name}!'\n"), OpenAIWire.Write("tests/test_greeting.py", "from greeting import greet\n"));
        _server.Reply(request => new ScriptedResponse(
            200,
            OpenAIWire.StreamedCompletion(reply, includeUsage: request.Json.TryGetProperty("stream_options", out var streamOptions)
                && streamOptions.GetProperty("include_usage").GetBoolean(), pieceLength: 7),
            "text/event-stream"));
        var progress = new Claude.CollectingProgress();

        var result = await Backend().RunTurnAsync(Request(_workspace.Path) with { Progress = progress }, TestContext.Current.CancellationToken);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        File.ReadAllText(Path.Combine(_workspace.Path, "greeting.py")).ShouldContain("Hello, {name}!");
        result.ChangedFiles.ShouldBe(["greeting.py", "tests/test_greeting.py"], ignoreOrder: true);
        result.Usage.InputTokens.ShouldBe(1000);
        result.Usage.OutputTokens.ShouldBe(500);
        _server.Requests.ShouldHaveSingleItem().Json.GetProperty("stream").GetBoolean().ShouldBeTrue();
        progress.Reports.ShouldContain(p => p.Kind == AgentProgressKind.Streaming && p.Message.StartsWith("openai: gpt-4.1 is answering", StringComparison.Ordinal));
        progress.Reports.Where(p => p.Kind == AgentProgressKind.Tool).Select(p => p.Message).ShouldBe(["Edit greeting.py", "Edit tests/test_greeting.py"]);
    }

    [Fact]
    public async Task RunTurn_WithProgress_StreamCutBeforeItsEnd_FailsAsAnUnfinishedReply()
    {
        var streamed = OpenAIWire.StreamedCompletion(OpenAIWire.Reply("Implemented.", OpenAIWire.Write("greeting.py", "x = 1\n")), includeUsage: false, pieceLength: 7);
        _server.Reply(_ => new ScriptedResponse(200, streamed[..(streamed.Length / 2)], "text/event-stream"));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path) with { Progress = new Claude.CollectingProgress() }, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        result.Error.Message.ShouldBe("The model's reply ended before it was finished (the stream stopped without a finish reason).");
        File.ReadAllText(Path.Combine(_workspace.Path, "greeting.py")).ShouldBe("def greet():\n    return 'hi'\n", "a cut reply applies nothing");
    }

    [Fact]
    public async Task RunTurn_EditsReply_AppliesEditsAndReportsUsage()
    {
        _server.Reply(200, OpenAIWire.Completion(
            OpenAIWire.Reply("Implemented greet(name).", OpenAIWire.Write("greeting.py", "def greet(name):\n    return f'Hello, {name}!'\n"), OpenAIWire.Delete("obsolete.txt"), OpenAIWire.Write("tests/__init__.py", "")),
            promptTokens: 1000,
            completionTokens: 500));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        result.Backend.ShouldBe("openai");
        result.Model.ShouldBe("gpt-4.1");
        result.Text.ShouldBe("Implemented greet(name).");
        result.ChangedFiles.ShouldBe(["greeting.py", "obsolete.txt", "tests/__init__.py"]);
        result.Usage.ShouldBe(new AgentUsage(1000, 500, 0.006m));
        File.ReadAllText(_workspace.Combine("greeting.py")).ShouldBe("def greet(name):\n    return f'Hello, {name}!'\n");
        File.Exists(_workspace.Combine("obsolete.txt")).ShouldBeFalse();
        File.Exists(_workspace.Combine("tests", "__init__.py")).ShouldBeTrue();

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/v1/chat/completions");
        request.Header("authorization").ShouldBe($"Bearer {ApiKey}");
        var body = request.Json;
        body.GetProperty("model").GetString().ShouldBe("gpt-4.1");
        var format = body.GetProperty("response_format");
        format.GetProperty("type").GetString().ShouldBe("json_schema");
        format.GetProperty("json_schema").GetProperty("name").GetString().ShouldBe("nexus_turn");
        format.GetProperty("json_schema").GetProperty("strict").GetBoolean().ShouldBeTrue();
        format.GetProperty("json_schema").GetProperty("schema").GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(["summary", "edits"]);
        var messages = body.GetProperty("messages");
        messages[0].GetProperty("role").GetString().ShouldBe("system");
        messages[0].GetProperty("content").GetString()!.ShouldStartWith("You are Code, the Developer of NEXUS");
        messages[0].GetProperty("content").GetString()!.ShouldContain("COMPLETE new content");
        messages[1].GetProperty("role").GetString().ShouldBe("user");
        var user = messages[1].GetProperty("content").GetString()!;
        user.ShouldContain("<file path=\"greeting.py\">\ndef greet():\n    return 'hi'\n</file>");
        user.ShouldContain("aria_to_code.md: greet(name) returns");
        user.ShouldEndWith("# Your task\nImplement the greeting module.");
    }

    [Fact]
    public async Task RunTurn_OutputSchema_ReturnsStructuredDecisionAndEditsNothing()
    {
        var before = _workspace.Snapshot();
        _server.Reply(200, OpenAIWire.Completion("""{"next":"alpha","reason":"Code is done; tests are missing."}""", model: "gpt-4.1-mini"));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path, model: "gpt-4.1-mini", schema: DecisionSchema, agentId: AgentIds.Prime), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.StructuredOutput.ShouldNotBeNull();
        result.StructuredOutput.Value.GetProperty("next").GetString().ShouldBe("alpha");
        result.StructuredOutput.Value.GetProperty("reason").GetString().ShouldBe("Code is done; tests are missing.");
        result.ChangedFiles.ShouldBeEmpty();
        _workspace.Snapshot().ShouldBe(before);
        var body = _server.Requests.ShouldHaveSingleItem().Json;
        var schema = body.GetProperty("response_format").GetProperty("json_schema");
        schema.GetProperty("name").GetString().ShouldBe("nexus_decision");
        schema.GetProperty("strict").GetBoolean().ShouldBeFalse();
        schema.GetProperty("schema").GetProperty("properties").GetProperty("next").GetProperty("enum").GetArrayLength().ShouldBe(5);
        body.GetProperty("messages")[0].GetProperty("content").GetString()!.ShouldStartWith("You are Prime, the Orchestrator");
        body.GetProperty("messages")[1].GetProperty("content").GetString()!.ShouldNotContain("<file path=");
    }

    [Fact]
    public async Task RunTurn_Unauthorized_IsAuthenticationErrorWithoutTheKey()
    {
        _server.Reply(401, OpenAIWire.Error($"Incorrect API key provided: {ApiKey}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(AgentErrorKind.Authentication);
        result.Error.StatusCode.ShouldBe(401);
        result.Error.Message.ShouldContain("HTTP 401 (invalid_api_key)");
        result.Error.Message.ShouldNotContain(ApiKey);
        result.Error.Message.ShouldContain(SecretRedactor.Mask);
    }

    [Theory]
    [InlineData(404, "model_not_found", "The model `gpt-9` does not exist or you do not have access to it.", AgentErrorKind.ModelNotFound)]
    [InlineData(404, "DeploymentNotFound", "The API deployment for this resource does not exist.", AgentErrorKind.ModelNotFound)]
    [InlineData(404, null, "model \"llama9\" not found, try pulling it first", AgentErrorKind.ModelNotFound)]
    [InlineData(404, null, "Not Found", AgentErrorKind.NotConfigured)]
    [InlineData(403, null, "Forbidden", AgentErrorKind.Authentication)]
    [InlineData(429, "rate_limit_exceeded", "Rate limit reached", AgentErrorKind.Transient)]
    [InlineData(500, null, "The server had an error", AgentErrorKind.Transient)]
    [InlineData(503, null, "Service unavailable", AgentErrorKind.Transient)]
    [InlineData(400, "context_length_exceeded", "This model's maximum context length is 128000 tokens.", AgentErrorKind.Unknown)]
    public async Task RunTurn_HttpError_IsClassified(int status, string? code, string message, AgentErrorKind expected)
    {
        _server.Reply(status, OpenAIWire.Error(message, "error", code));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(expected);
        result.Error.StatusCode.ShouldBe(status);
        result.Error.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("this is not json", "not valid JSON")]
    [InlineData("""{"edits":[]}""", "summary is missing")]
    [InlineData("""{"summary":"x","edits":[{"content":"y"}]}""", "edit 1 has no path")]
    [InlineData("""{"summary":"x","edits":[{"path":"../escape.py","content":"boom","delete":false}]}""", "'..' segments are not allowed")]
    [InlineData("""{"summary":"x","edits":[{"path":"ok.py","content":"fine","delete":false},{"path":".git/hooks/pre-commit","content":"boom","delete":false}]}""", "writing into .git is not allowed")]
    public async Task RunTurn_BadReply_IsInvalidResponseAndWritesNothing(string content, string expected)
    {
        var before = _workspace.Snapshot();
        _server.Reply(200, OpenAIWire.Completion(content));
        var options = new OpenAICompatibleBackendOptions { Endpoint = new Uri(_server.BaseUri, "/v1"), ApiKey = ApiKey, ReplyCorrections = 0 };

        var result = await Backend(options).RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        result.Error.Message.ShouldContain(expected);
        result.Usage.InputTokens.ShouldBe(1000, "a rejected reply still cost tokens");
        _workspace.Snapshot().ShouldBe(before);
    }

    [Fact]
    public async Task RunTurn_InvalidReplyThenValid_SendsTheReasonBackToTheSameModelAndApplies()
    {
        var bad = """{"summary":"x","edits":[{"path":"../escape.py","content":"boom","delete":false}]}""";
        _server.Reply(200, OpenAIWire.Completion(bad))
            .Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Fixed the path.", OpenAIWire.Write("escape.py", "ok\n"))));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        result.Text.ShouldBe("Fixed the path.");
        result.ChangedFiles.ShouldBe(["escape.py"]);
        result.Usage.ShouldBe(new AgentUsage(2000, 1000, 0.012m), "both replies cost tokens");
        _server.Requests.Count.ShouldBe(2);
        var second = _server.Requests[1].Json;
        second.GetProperty("model").GetString().ShouldBe("gpt-4.1");
        var messages = second.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("role").GetString()).ShouldBe(["system", "user", "assistant", "user"]);
        messages[2].GetProperty("content").ToString().ShouldContain("../escape.py");
        var correction = messages[3].GetProperty("content").ToString();
        correction.ShouldContain("Your reply was rejected and nothing of it was applied");
        correction.ShouldContain("'..' segments are not allowed");
    }

    // Aria's claude tools allow only Edit(/PLAN.md); a chat model playing Aria is held to the same list, and told why.
    [Fact]
    public async Task RunTurn_AriaWritesCode_RefusalGoesBackToTheModelAndOnlyPlanMdIsWritten()
    {
        _server.Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Planned, and started.", OpenAIWire.Write("PLAN.md", "# Plan\n"), OpenAIWire.Write("greeting.py", "hacked\n"))))
            .Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Planned.", OpenAIWire.Write("PLAN.md", "# Plan\n"))));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path, agentId: AgentIds.Aria), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        result.ChangedFiles.ShouldBe(["PLAN.md"]);
        File.ReadAllText(Path.Combine(_workspace.Path, "greeting.py")).ShouldBe("def greet():\n    return 'hi'\n", "the refused reply wrote nothing");
        var correction = _server.Requests[1].Json.GetProperty("messages").EnumerateArray().Last().GetProperty("content").ToString();
        correction.ShouldContain("Your reply was rejected and nothing of it was applied");
        correction.ShouldContain("greeting.py");
        correction.ShouldContain("Aria may only write what its allowed_tools allow: Edit(/PLAN.md)");
    }

    [Fact]
    public async Task RunTurn_InvalidReplyEveryTime_FailsAfterTheBoundedCorrectionsWithTheReason()
    {
        var before = _workspace.Snapshot();
        for (var i = 0; i < 3; i++)
        {
            _server.Reply(200, OpenAIWire.Completion("this is not json"));
        }

        var result = await Backend().RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        result.Error.Message.ShouldContain("not valid JSON");
        result.Error.Message.ShouldEndWith("(still invalid after 2 correction(s))");
        result.Usage.InputTokens.ShouldBe(3000);
        _server.Requests.Count.ShouldBe(3, "one reply and two corrections, then the turn fails");
        _workspace.Snapshot().ShouldBe(before);
    }

    [Theory]
    [InlineData("<html>Bad gateway page</html>", "text/html")]
    [InlineData("{\"unexpected\":true}", "application/json")]
    public async Task RunTurn_UnreadableSuccessBody_IsInvalidResponse(string body, string contentType)
    {
        _server.Reply(_ => new ScriptedResponse(200, body, contentType));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
    }

    [Fact]
    public async Task RunTurn_ReplyCutOffAtTokenLimit_IsInvalidResponse()
    {
        _server.Reply(200, OpenAIWire.Completion("""{"summary":"x","ed""", finishReason: "length"));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        result.Error.Message.ShouldContain("cut off");
    }

    [Fact]
    public async Task RunTurn_ServerDown_IsTransient()
    {
        var endpoint = new Uri(_server.BaseUri, "/v1");
        await _server.DisposeAsync();
        _server = await FakeModelServer.StartAsync(TestContext.Current.CancellationToken);

        var result = await Backend(new OpenAICompatibleBackendOptions { Endpoint = endpoint, ApiKey = ApiKey }).RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(AgentErrorKind.Transient);
        result.Error.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task RunTurn_AzureWithApiKey_UsesV1PathAndApiKeyHeader()
    {
        _server.Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Done.", OpenAIWire.Write("a.txt", "a")), model: "gpt-4.1"));
        var options = OpenAICompatibleBackendOptions.AzureOpenAI(new Uri(_server.BaseUri, "/"), "azure-key-0123456789abcdef", defaultDeployment: "nexus-gpt41");

        var result = await Backend(options).RunTurnAsync(Request(_workspace.Path, backend: "azure-openai", model: null), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.Backend.ShouldBe("azure-openai");
        result.Model.ShouldBe("nexus-gpt41");
        var request = _server.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/openai/v1/chat/completions");
        request.Header("api-key").ShouldBe("azure-key-0123456789abcdef");
        request.Header("authorization").ShouldBeNull();
        request.Json.GetProperty("model").GetString().ShouldBe("nexus-gpt41");
    }

    [Fact]
    public async Task RunTurn_AzureWithTokenCredential_SendsEntraBearerToken()
    {
        _server.Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Done.")));
        var credential = new StaticTokenCredential("entra-token-abc");
        var options = OpenAICompatibleBackendOptions.AzureOpenAI(new Uri(_server.BaseUri, "/openai/v1/"), credential, defaultDeployment: "nexus-gpt41");

        var result = await Backend(options).RunTurnAsync(Request(_workspace.Path, backend: "azure-openai", model: null), TestContext.Current.CancellationToken);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        var request = _server.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe("/openai/v1/chat/completions");
        request.Header("authorization").ShouldBe("Bearer entra-token-abc");
        credential.Scopes.ShouldContain(OpenAICompatibleBackendOptions.AzureCognitiveServicesScope);
    }

    [Fact]
    public async Task RunTurn_EntraCredentialFails_IsAuthenticationErrorWithoutACall()
    {
        var options = OpenAICompatibleBackendOptions.AzureOpenAI(_server.BaseUri, new FailingTokenCredential(), defaultDeployment: "nexus-gpt41");

        var result = await Backend(options).RunTurnAsync(Request(_workspace.Path, backend: "azure-openai", model: null), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.Authentication);
        result.Error.Message.ShouldContain("Entra ID authentication for azure-openai failed");
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunTurn_Ollama_SendsNoCredentialsAndCostsNothing()
    {
        _server.Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Done.", OpenAIWire.Write("b.txt", "b")), model: "qwen2.5-coder:7b"));
        var options = OpenAICompatibleBackendOptions.Ollama(new Uri(_server.BaseUri, "/v1"), defaultModel: "qwen2.5-coder:7b");

        var result = await Backend(options).RunTurnAsync(Request(_workspace.Path, backend: "ollama", model: null), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.Backend.ShouldBe("ollama");
        result.Usage.ShouldBe(new AgentUsage(1000, 500, 0m));
        _server.Requests.ShouldHaveSingleItem().Header("authorization").ShouldBeNull();
    }

    [Fact]
    public async Task RunTurn_NoModelAnywhere_IsNotConfiguredWithoutACall()
    {
        var result = await Backend().RunTurnAsync(Request(_workspace.Path, model: null), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.NotConfigured);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunTurn_SecretInSummary_IsRedacted()
    {
        _server.Reply(200, OpenAIWire.Completion(OpenAIWire.Reply($"I used the key {ApiKey} to test.")));

        var result = await Backend().RunTurnAsync(Request(_workspace.Path), TestContext.Current.CancellationToken);

        result.Text.ShouldNotContain(ApiKey);
        result.Text.ShouldContain(SecretRedactor.Mask);
    }

    [Fact]
    public async Task RunTurn_Canceled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        _server.Reply(request =>
        {
            cancellation.Cancel();
            return new ScriptedResponse(200, OpenAIWire.Completion(OpenAIWire.Reply("late")));
        });

        await Should.ThrowAsync<OperationCanceledException>(() => Backend().RunTurnAsync(Request(_workspace.Path), cancellation.Token));
    }

    private sealed class FailingTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new global::Azure.Identity.AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
