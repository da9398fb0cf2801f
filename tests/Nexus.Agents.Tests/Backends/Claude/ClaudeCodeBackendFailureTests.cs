using System.Diagnostics;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Tests.Processes;
using Nexus.Testing.Claude;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>Failures, limits, permissions and cancellation with the real <c>claude</c> CLI against <see cref="FakeAnthropicServer"/>.</summary>
public sealed class ClaudeCodeBackendFailureTests(ClaudeCliFixture cli) : IClassFixture<ClaudeCliFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(401, "authentication_error", "invalid x-api-key", AgentErrorKind.Authentication)]
    [InlineData(529, "overloaded_error", "Overloaded", AgentErrorKind.Transient)]
    [InlineData(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", AgentErrorKind.Transient)]
    [InlineData(500, "api_error", "Internal server error", AgentErrorKind.Transient)]
    public async Task RunTurnAsync_ApiAnswersWithError_ClassifiesIt(int status, string type, string message, AgentErrorKind expected)
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var model = $"nexus-error-{status}";
        sandbox.Server.Script(model, _ => FakeReply.Error(status, type, message));

        var result = await sandbox.Backend().RunTurnAsync(sandbox.Request(model, "Plan."), Token);

        result.Succeeded.ShouldBeFalse();
        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(expected);
        error.StatusCode.ShouldBe(status);
        error.Message.ShouldNotBeNullOrWhiteSpace();
        result.Text.ShouldBeEmpty();
        sandbox.Server.RequestsFor(model).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RunTurnAsync_ApiUnreachable_IsTransient()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var closedPort = sandbox.Server.BaseAddress.Port;
        await sandbox.Server.DisposeAsync();

        var result = await sandbox.Backend(options => options.Environment["ANTHROPIC_BASE_URL"] = $"http://127.0.0.1:{closedPort}")
            .RunTurnAsync(sandbox.Request("nexus-unreachable", "Plan."), Token);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().Kind.ShouldBe(AgentErrorKind.Transient);
        result.Error.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task RunTurnAsync_WriteOutsideAllowedToolsInDefaultMode_ReportsPermissionDenial()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        var target = Path.Combine(sandbox.Workspace, "denied.txt");
        sandbox.Server.ScriptToolThenText("nexus-denied", "Write", new { file_path = target, content = "nope\n" }, "I could not write the file.");

        var result = await sandbox.Backend().RunTurnAsync(
            sandbox.Request("nexus-denied", "Write it.", agent => agent with { PermissionMode = "default", AllowedTools = ["Read"] }), Token);

        result.Succeeded.ShouldBeTrue();
        result.Text.ShouldBe("I could not write the file.");
        var denial = result.PermissionDenials.ShouldHaveSingleItem();
        denial.ToolName.ShouldBe("Write");
        denial.Detail.ShouldBe(target);
        File.Exists(target).ShouldBeFalse();
    }

    [Fact]
    public async Task RunTurnAsync_AgentRunsOutOfTurns_IsMaxTurns()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.ScriptToolThenText("nexus-turns", "Write", new { file_path = Path.Combine(sandbox.Workspace, "a.txt"), content = "a\n" }, "Done.");

        var result = await sandbox.Backend().RunTurnAsync(sandbox.Request("nexus-turns", "Write.", agent => agent with { MaxTurns = 1 }), Token);

        result.Succeeded.ShouldBeFalse();
        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(AgentErrorKind.MaxTurns);
        error.Message.ShouldContain("maximum number of turns");
        result.SessionId.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunTurnAsync_ExecutableMissing_IsNotConfiguredAndSaysHowToInstall()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);

        var result = await sandbox.Backend(options => options.ExecutablePath = Path.Combine(sandbox.Root, "no-such-claude"))
            .RunTurnAsync(sandbox.Request("nexus-missing", "Plan."), Token);

        result.Succeeded.ShouldBeFalse();
        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(AgentErrorKind.NotConfigured);
        error.Message.ShouldContain("scripts/install-claude.sh");
        error.Message.ShouldContain("npm install -g @anthropic-ai/claude-code");
    }

    [Fact]
    public async Task RunTurnAsync_ApiHangsPastTheAgentTimeout_KillsTheProcessAndReportsTimeout()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.Script("nexus-hang", _ => FakeReply.Hang);
        var watch = Stopwatch.StartNew();

        // The limit leaves the CLI time to start and reach the (hanging) API even on a loaded 2-core machine; the
        // assertion is that the turn ends soon after the limit instead of hanging.
        var result = await sandbox.Backend().RunTurnAsync(
            sandbox.Request("nexus-hang", "Plan.", agent => agent with { Timeout = TimeSpan.FromSeconds(10) }), Token);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(40));
        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().Kind.ShouldBe(AgentErrorKind.Timeout);
        result.Error.IsTransient.ShouldBeTrue();
        sandbox.Server.RequestsFor("nexus-hang").ShouldNotBeEmpty();
        (await ProcessTable.SurvivorsAfterAsync(ClaudeSandbox.MarkerVariable, sandbox.Marker, TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    [Fact]
    public async Task RunTurnAsync_Cancelled_KillsClaudeAndTheCommandItStartedWithinSeconds()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.ScriptToolThenText("nexus-cancel", "Bash", new { command = "echo started && sleep 300 && echo finished", description = "Wait a long time" }, "Done.");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var commandStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new CollectingProgress(report =>
        {
            if (report is { Kind: AgentProgressKind.Tool, Tool: "Bash" })
            {
                commandStarted.TrySetResult();
            }
        });
        var request = sandbox.Request("nexus-cancel", "Run the long command.", agent => agent with { AllowedTools = ["Bash"] }) with { Progress = progress };

        var turn = sandbox.Backend().RunTurnAsync(request, cancellation.Token);
        await commandStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        var sleeping = await WaitForProcessAsync(sandbox.Marker, "sleep", TimeSpan.FromSeconds(15));
        ProcessTable.WithEnvironmentMarker(ClaudeSandbox.MarkerVariable, sandbox.Marker).Count.ShouldBeGreaterThanOrEqualTo(3);
        var watch = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => turn);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (await ProcessTable.SurvivorsAfterAsync(ClaudeSandbox.MarkerVariable, sandbox.Marker, TimeSpan.FromSeconds(5))).ShouldBeEmpty();
        IsAlive(sleeping).ShouldBeFalse($"sleep (pid {sleeping}) should have been killed with claude");
    }

    /// <summary>Whether <paramref name="pid"/> runs (a killed process may linger as a zombie until it is reaped).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Waits until a process of this sandbox runs <paramref name="program"/>; returns its id.</summary>
    private static async Task<int> WaitForProcessAsync(string marker, string program, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var pid in ProcessTable.WithEnvironmentMarker(ClaudeSandbox.MarkerVariable, marker))
            {
                try
                {
                    var arguments = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline", Token)).Split('\0');
                    if (Path.GetFileName(arguments[0]) == program)
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                    // Gone while we looked.
                }
            }

            deadline.Elapsed.ShouldBeLessThan(within, $"no '{program}' process of the sandbox appeared");
            await Task.Delay(50, Token);
        }
    }
}
