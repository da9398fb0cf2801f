using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends;
using Nexus.Agents.Backends.Replay;
using Nexus.Agents.Roles;
using Nexus.Agents.Tests.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Replay;

public sealed class ReplayBackendTests : IDisposable
{
    private readonly TemporaryFolder _root = new();
    private readonly string _workspace;
    private readonly string _scenario;

    public ReplayBackendTests()
    {
        _workspace = _root.CreateFolder("workspace");
        _scenario = _root.CreateFolder("todo-demo");
        _root.WriteFile("todo-demo/code/001.json", """
            {"summary": "Created the CLI.", "edits": [{"path": "todo/cli.py", "content": "print('v1')\n"}],
             "sessionId": "replay-s1", "usage": {"inputTokens": 1200, "outputTokens": 300, "costUsd": 0.0084}}
            """);
        _root.WriteFile("todo-demo/code/002-fix.json", """
            // comments and trailing commas are fine in recordings
            {"summary": "Fixed the off-by-one.", "edits": [{"path": "todo/cli.py", "content": "print('v2')\n"}, {"path": "notes.txt", "delete": true},],}
            """);
        _root.WriteFile("todo-demo/prime/001.json", """{"summary": "Route to Alpha.", "structured": {"next": "alpha", "reason": "code is ready"}}""");
        _root.WriteFile("todo-demo/beta/001.json", """{"error": {"kind": "transient", "message": "overloaded", "statusCode": 529}}""");
        _root.WriteFile("todo-demo/alpha/001.json", """{"summary": "x", "edits": [{"path": "../escape.txt", "content": "boom"}]}""");
        _root.WriteFile("todo-demo/aria/001.json", """{"summary": 42""");
        _root.WriteFile("workspace/notes.txt", "scratch\n");
    }

    public void Dispose() => _root.Dispose();

    private ReplayBackend Backend(TimeSpan? delay = null) => new(new ReplayBackendOptions { ScenarioDirectory = _scenario, TurnDelay = delay ?? TimeSpan.Zero });

    private AgentTurnRequest Request(string agentId, string stepKey, int? turnNumber = null) => new()
    {
        Agent = AgentCatalog.BuiltIn[agentId] with { Backend = "replay", Model = "claude-sonnet-4-5" },
        Prompt = "Do your part.",
        WorkspacePath = _workspace,
        StepKey = stepKey,
        TurnNumber = turnNumber,
    };

    [Fact]
    public async Task RunTurn_PlaysTurnsInOrder_AndSaysItIsAReplay()
    {
        var backend = Backend();

        var first = await backend.RunTurnAsync(Request(AgentIds.Code, "iter-1/code", turnNumber: 1), TestContext.Current.CancellationToken);
        File.ReadAllText(Path.Join(_workspace, "todo", "cli.py")).ShouldBe("print('v1')\n");
        var second = await backend.RunTurnAsync(Request(AgentIds.Code, "iter-2/code", turnNumber: 2), TestContext.Current.CancellationToken);

        first.Succeeded.ShouldBeTrue();
        first.Backend.ShouldBe("replay");
        first.Model.ShouldBe("replay:todo-demo");
        first.Text.ShouldBe("[replay] Created the CLI.");
        first.SessionId.ShouldBe("replay-s1");
        first.Usage.ShouldBe(new AgentUsage(1200, 300, 0.0084m));
        first.ChangedFiles.ShouldBe(["todo/cli.py"]);
        second.Text.ShouldBe("[replay] Fixed the off-by-one.");
        second.ChangedFiles.ShouldBe(["todo/cli.py", "notes.txt"]);
        File.ReadAllText(Path.Join(_workspace, "todo", "cli.py")).ShouldBe("print('v2')\n");
        File.Exists(Path.Join(_workspace, "notes.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task RunTurn_SameTurnNumberAgain_PlaysTheSameTurn()
    {
        var backend = Backend();

        await backend.RunTurnAsync(Request(AgentIds.Code, "iter-1/code", turnNumber: 1), TestContext.Current.CancellationToken);
        var retried = await backend.RunTurnAsync(Request(AgentIds.Code, "iter-1/code", turnNumber: 1), TestContext.Current.CancellationToken);
        var otherInstance = await Backend().RunTurnAsync(Request(AgentIds.Code, "whatever", turnNumber: 1), TestContext.Current.CancellationToken);

        retried.Text.ShouldBe("[replay] Created the CLI.");
        otherInstance.Text.ShouldBe("[replay] Created the CLI.");
    }

    [Fact]
    public async Task RunTurn_WithoutTurnNumber_NumbersStepKeysInFirstSeenOrder()
    {
        var backend = Backend();

        var a = await backend.RunTurnAsync(Request(AgentIds.Code, "iter-1/code"), TestContext.Current.CancellationToken);
        var b = await backend.RunTurnAsync(Request(AgentIds.Code, "iter-2/code"), TestContext.Current.CancellationToken);
        var again = await backend.RunTurnAsync(Request(AgentIds.Code, "iter-1/code"), TestContext.Current.CancellationToken);
        var primeFirst = await backend.RunTurnAsync(Request(AgentIds.Prime, "iter-1/decide"), TestContext.Current.CancellationToken);

        a.Text.ShouldBe("[replay] Created the CLI.");
        b.Text.ShouldBe("[replay] Fixed the off-by-one.");
        again.Text.ShouldBe("[replay] Created the CLI.", "a re-run step gets the same recorded turn");
        primeFirst.Text.ShouldBe("[replay] Route to Alpha.", "each agent counts its own turns");
    }

    [Fact]
    public async Task RunTurn_StructuredTurn_ReturnsStructuredOutput()
    {
        var result = await Backend().RunTurnAsync(Request(AgentIds.Prime, "iter-1/decide", turnNumber: 1), TestContext.Current.CancellationToken);

        result.StructuredOutput!.Value.GetProperty("next").GetString().ShouldBe("alpha");
    }

    [Fact]
    public async Task RunTurn_MissingTurn_IsNotConfiguredNamingTheFile()
    {
        var result = await Backend().RunTurnAsync(Request(AgentIds.Code, "iter-3/code", turnNumber: 3), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeFalse();
        result.Backend.ShouldBe("replay");
        result.Error!.Kind.ShouldBe(AgentErrorKind.NotConfigured);
        result.Error.Message.ShouldContain("has no turn 3 for agent 'code'");
        result.Error.Message.ShouldContain(Path.Join("code", "003.json"));
    }

    [Fact]
    public async Task RunTurn_RecordedFailure_IsReturnedClassified()
    {
        var result = await Backend().RunTurnAsync(Request(AgentIds.Beta, "iter-1/validate", turnNumber: 1), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.Transient);
        result.Error.StatusCode.ShouldBe(529);
        result.Error.Message.ShouldBe("[replay] overloaded");
    }

    [Fact]
    public async Task RunTurn_RecordedHostileEdit_IsRefused()
    {
        var before = _root.Snapshot();

        var result = await Backend().RunTurnAsync(Request(AgentIds.Alpha, "iter-1/tests", turnNumber: 1), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        _root.Snapshot().ShouldBe(before);
    }

    // The same rule as Aria's claude tools (Edit(/PLAN.md)): a recording cannot make her write code.
    [Fact]
    public async Task RunTurn_AriaRecordingWritesMoreThanPlanMd_IsRefusedNamingTheRuleAndNothingIsWritten()
    {
        _root.WriteFile("todo-demo/aria/002.json", """
            {"summary": "Plan, and some code.", "edits": [{"path": "PLAN.md", "content": "# Plan\n"}, {"path": "todo/cli.py", "content": "print('aria')\n"}]}
            """);
        _root.WriteFile("todo-demo/aria/003.json", """{"summary": "Plan.", "edits": [{"path": "PLAN.md", "content": "# Plan\n"}]}""");
        var before = _root.Snapshot();

        var refused = await Backend().RunTurnAsync(Request(AgentIds.Aria, "iter-1/plan", turnNumber: 2), TestContext.Current.CancellationToken);
        var snapshot = _root.Snapshot();
        var allowed = await Backend().RunTurnAsync(Request(AgentIds.Aria, "iter-1/plan", turnNumber: 3), TestContext.Current.CancellationToken);

        refused.Error!.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        refused.Error.Message.ShouldContain("todo/cli.py");
        refused.Error.Message.ShouldContain("Aria may only write what its allowed_tools allow: Edit(/PLAN.md)");
        snapshot.ShouldBe(before);
        allowed.Succeeded.ShouldBeTrue(allowed.Error?.Message);
        allowed.ChangedFiles.ShouldBe(["PLAN.md"]);
    }

    [Fact]
    public async Task RunTurn_BrokenRecording_IsNotConfigured()
    {
        var result = await Backend().RunTurnAsync(Request(AgentIds.Aria, "iter-1/plan", turnNumber: 1), TestContext.Current.CancellationToken);

        result.Error!.Kind.ShouldBe(AgentErrorKind.NotConfigured);
        result.Error.Message.ShouldContain("cannot be read");
    }

    [Fact]
    public async Task RunTurn_Delay_IsCancellable()
    {
        var backend = Backend(delay: TimeSpan.FromHours(1));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var turn = backend.RunTurnAsync(Request(AgentIds.Code, "iter-1/code", turnNumber: 1), cancellation.Token);
        turn.IsCompleted.ShouldBeFalse();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => turn);
        File.Exists(Path.Join(_workspace, "todo", "cli.py")).ShouldBeFalse("a canceled turn applies nothing");
    }

    [Fact]
    public async Task RunTurn_Delay_WaitsOnTheInjectedClock()
    {
        var clock = new InstantRetryTimeProvider();
        var backend = new ReplayBackend(new ReplayBackendOptions { ScenarioDirectory = _scenario, TurnDelay = TimeSpan.FromSeconds(3) }, clock);

        var result = await backend.RunTurnAsync(Request(AgentIds.Code, "iter-1/code", turnNumber: 1), TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        clock.Delays.ShouldBe([TimeSpan.FromSeconds(3)]);
    }

    [Fact]
    public async Task Runner_ReplayBackend_IgnoresModelAndReportsReplay()
    {
        var runner = new AgentTurnRunner(new AgentBackendRegistry(Backend()));
        var request = Request(AgentIds.Code, "iter-1/code", turnNumber: 1);

        var result = await runner.RunAsync(request with { Agent = request.Agent with { FallbackModels = ["x", "y"] } }, TestContext.Current.CancellationToken);

        result.Succeeded.ShouldBeTrue();
        result.Model.ShouldBe("replay:todo-demo");
        result.Text.ShouldStartWith(ReplayBackend.TextPrefix);
    }
}
