using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends;
using Nexus.Agents.Backends.OpenAI;
using Nexus.Agents.Tests.Backends.OpenAI;
using Nexus.Agents.Tests.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends;

public sealed class AgentTurnRunnerTests : IAsyncLifetime
{
    private readonly TemporaryFolder _workspace = new();
    private readonly InstantRetryTimeProvider _clock = new() { Hold = TimeSpan.FromSeconds(30) };
    private readonly List<string> _progress = [];
    private FakeModelServer _server = null!;
    private AgentTurnRunner _runner = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync(TestContext.Current.CancellationToken);
        var openAI = new OpenAICompatibleBackend(new OpenAICompatibleBackendOptions { Endpoint = new Uri(_server.BaseUri, "/v1"), ApiKey = "sk-runner-test-key-000000" });
        _runner = new AgentTurnRunner(
            new AgentBackendRegistry(openAI),
            new AgentTurnRunnerOptions { RetryBaseDelay = TimeSpan.FromSeconds(2), UseJitter = false },
            _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _workspace.Dispose();
    }

    private AgentTurnRequest Request(string model, string[] fallbacks, int maxRetries = 3, TimeSpan? timeout = null)
    {
        var request = OpenAICompatibleBackendTests.Request(_workspace.Path, model: model);
        return request with
        {
            Agent = request.Agent with { FallbackModels = fallbacks, MaxRetries = maxRetries, Timeout = timeout ?? TimeSpan.FromMinutes(20) },
            Progress = new SynchronousProgress(message => _progress.Add(message.Message)),
        };
    }

    private IEnumerable<string?> RequestedModels() => _server.Requests.Select(r => r.Json.GetProperty("model").GetString());

    [Fact]
    public async Task Run_PrimaryModelNotFound_FallsBackToSecondaryAtOnce()
    {
        _server.Reply(404, OpenAIWire.ModelNotFound("gpt-missing"))
            .Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Done with the secondary.", OpenAIWire.Write("x.py", "x = 1\n")), model: "gpt-4.1-mini"));

        var result = await _runner.RunAsync(Request("gpt-missing", ["gpt-4.1-mini", "gpt-4.1-nano"]), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.Model.ShouldBe("gpt-4.1-mini");
        result.Text.ShouldBe("Done with the secondary.");
        result.ChangedFiles.ShouldBe(["x.py"]);
        RequestedModels().ShouldBe(["gpt-missing", "gpt-4.1-mini"]);
        _clock.Delays.ShouldBeEmpty("a missing model is not retried");
        _progress.ShouldContain(p => p.Contains("falling back to gpt-4.1-mini", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_Transient429_RetriedWithExponentialBackoffThenSucceeds()
    {
        _server.Reply(429, OpenAIWire.Error("Rate limit reached for gpt-4.1", "requests", "rate_limit_exceeded"))
            .Reply(429, OpenAIWire.Error("Rate limit reached for gpt-4.1", "requests", "rate_limit_exceeded"))
            .Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Third time lucky.")));

        var result = await _runner.RunAsync(Request("gpt-4.1", ["gpt-4.1-mini"]), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.Model.ShouldBe("gpt-4.1");
        RequestedModels().ShouldBe(["gpt-4.1", "gpt-4.1", "gpt-4.1"]);
        _clock.Delays.ShouldBe([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)]);
        _progress.Count(p => p.Contains("retry", StringComparison.Ordinal)).ShouldBe(2);
        result.Resources.ShouldBeNull("an HTTP backend has no process tree to measure: not applicable, never a made-up figure");
    }

    [Fact]
    public async Task Run_TransientUntilRetriesExhausted_FallsBackToNextModel()
    {
        _server.Reply(503, OpenAIWire.Error("overloaded", "server_error", null))
            .Reply(503, OpenAIWire.Error("overloaded", "server_error", null))
            .Reply(200, OpenAIWire.Completion(OpenAIWire.Reply("Secondary answered.")));

        var result = await _runner.RunAsync(Request("gpt-4.1", ["gpt-4.1-mini"], maxRetries: 1), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.Model.ShouldBe("gpt-4.1-mini");
        RequestedModels().ShouldBe(["gpt-4.1", "gpt-4.1", "gpt-4.1-mini"]);
        _clock.Delays.ShouldBe([TimeSpan.FromSeconds(2)]);
    }

    [Fact]
    public async Task Run_AuthenticationError_StopsAtOnce()
    {
        _server.Reply(401, OpenAIWire.Error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));

        var result = await _runner.RunAsync(Request("gpt-4.1", ["gpt-4.1-mini", "gpt-4.1-nano"]), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(AgentErrorKind.Authentication);
        _server.Requests.Count.ShouldBe(1);
        _clock.Delays.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_EveryModelMissing_ReturnsTheLastFailure()
    {
        _server.Reply(404, OpenAIWire.ModelNotFound("a")).Reply(404, OpenAIWire.ModelNotFound("b"));

        var result = await _runner.RunAsync(Request("a", ["b"]), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.ModelNotFound);
        result.Model.ShouldBe("b");
        RequestedModels().ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task Run_AttemptExceedsAgentTimeout_IsTimeoutAndRetried()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            _server.Reply(async (_, aborted) =>
            {
                _clock.FireHeld();
                await Task.Delay(Timeout.Infinite, aborted);
                return new ScriptedResponse(500, "{}");
            });
        }

        var result = await _runner.RunAsync(Request("gpt-4.1", [], maxRetries: 1, timeout: TimeSpan.FromSeconds(30)), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(AgentErrorKind.Timeout);
        result.Error.Message.ShouldContain("exceeded its time limit of 00:00:30");
        _server.Requests.Count.ShouldBe(2);
        _clock.Delays.ShouldBe([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)]);
    }

    [Fact]
    public async Task Run_UnknownBackend_IsNotConfigured()
    {
        var request = Request("gpt-4.1", []);
        request = request with { Agent = request.Agent with { Backend = "mystery" } };

        var result = await _runner.RunAsync(request, TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.NotConfigured);
        result.Error.Message.ShouldContain("backend 'mystery', which is not registered. Registered: openai.");
    }

    [Fact]
    public async Task Run_CallerCancels_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        _server.Reply(async (_, aborted) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, aborted);
            return new ScriptedResponse(500, "{}");
        });

        await Should.ThrowAsync<OperationCanceledException>(() => _runner.RunAsync(Request("gpt-4.1", ["gpt-4.1-mini"]), cancellation.Token));
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public void ModelChain_PrimaryThenFallbacksWithoutRepeats()
    {
        var agent = Request("gpt-4.1", ["gpt-4.1-mini", "gpt-4.1", " ", "gpt-4.1-nano"]).Agent;

        AgentTurnRunner.ModelChain(agent).ShouldBe(["gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"]);
        AgentTurnRunner.ModelChain(agent with { Model = null }).ShouldBe([null, "gpt-4.1-mini", "gpt-4.1", "gpt-4.1-nano"]);
    }

    private sealed class SynchronousProgress(Action<AgentProgress> report) : IProgress<AgentProgress>
    {
        public void Report(AgentProgress value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
