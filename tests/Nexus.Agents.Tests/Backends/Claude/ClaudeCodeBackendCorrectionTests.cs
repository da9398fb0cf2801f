using Nexus.Agents.Abstractions;
using Nexus.Testing.Claude;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>A reply that is not the structured output asked for goes back to the same claude session with the reason,
/// a bounded number of times — the real <c>claude</c> CLI against <see cref="FakeAnthropicServer"/>.</summary>
public sealed class ClaudeCodeBackendCorrectionTests(ClaudeCliFixture cli) : IClassFixture<ClaudeCliFixture>
{
    private const string Schema = """{"type":"object","properties":{"next":{"type":"string"},"reason":{"type":"string"}},"required":["next","reason"]}""";
    private const string Rejected = "Your reply was rejected and nothing of it was applied";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunTurnAsync_FirstReplyNotStructured_ResumesTheSessionWithTheReasonAndSucceeds()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.Script("nexus-correct", request =>
            request.LastMessageHasToolResult ? FakeReply.Text("Routed.")
            : request.AllMessagesText.Contains(Rejected, StringComparison.Ordinal) ? FakeReply.ToolUse("StructuredOutput", new { next = "code", reason = "plan is ready" })
            : FakeReply.Text("I think Code should go next."));
        var progress = new CollectingProgress();

        var result = await sandbox.Backend().RunTurnAsync(
            sandbox.Request("nexus-correct", "Route the work.") with { OutputSchema = Schema, Progress = progress }, Token);

        result.Error.ShouldBeNull();
        result.Succeeded.ShouldBeTrue();
        var structured = result.StructuredOutput.ShouldNotBeNull();
        structured.GetProperty("next").GetString().ShouldBe("code");
        var requests = sandbox.Server.RequestsFor("nexus-correct");
        var first = requests[0];
        first.AllMessagesText.ShouldNotContain(Rejected);
        var correction = requests.First(request => request.AllMessagesText.Contains(Rejected, StringComparison.Ordinal));
        correction.AllMessagesText.ShouldContain("The reply was not the structured output the schema asked for");
        correction.AllMessagesText.ShouldContain("Route the work.");
        correction.AllMessagesText.ShouldContain("I think Code should go next.");
        correction.Headers["x-claude-code-session-id"].ShouldBe(first.Headers["x-claude-code-session-id"]);
        result.SessionId.ShouldBe(first.Headers["x-claude-code-session-id"]);
        result.Usage.InputTokens.ShouldBe(25 * requests.Count); // the rejected reply's usage is kept
        progress.Reports.ShouldContain(report => report.Kind == AgentProgressKind.Retry && report.Message.Contains("reply rejected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunTurnAsync_ReplyNeverStructured_FailsAfterTheBoundWithTheReason()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.Script("nexus-stubborn", _ => FakeReply.Text("Still just prose."));

        var result = await sandbox.Backend().RunTurnAsync(sandbox.Request("nexus-stubborn", "Route the work.") with { OutputSchema = Schema }, Token);

        result.Succeeded.ShouldBeFalse();
        var error = result.Error.ShouldNotBeNull();
        error.Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        error.Message.ShouldContain("The reply was not the structured output the schema asked for");
        error.Message.ShouldContain("still invalid after 2 correction(s)");
        // claude itself asks once more for the StructuredOutput tool within each run; NEXUS's corrections are the runs after the first.
        var requests = sandbox.Server.RequestsFor("nexus-stubborn");
        requests.Count(request => request.Messages[^1].Text.Contains(Rejected, StringComparison.Ordinal)).ShouldBe(2);
        requests.Select(request => request.Headers["x-claude-code-session-id"]).Distinct().ShouldHaveSingleItem().ShouldBe(result.SessionId);
    }

    [Fact]
    public async Task RunTurnAsync_CorrectionsOff_FailsAtOnce()
    {
        await using var sandbox = await ClaudeSandbox.StartAsync(cli, Token);
        sandbox.Server.Script("nexus-strict", _ => FakeReply.Text("Prose again."));

        var result = await sandbox.Backend(options => options.ReplyCorrections = 0)
            .RunTurnAsync(sandbox.Request("nexus-strict", "Route the work.") with { OutputSchema = Schema }, Token);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldNotBeNull().Kind.ShouldBe(AgentErrorKind.InvalidResponse);
        result.Error.Message.ShouldNotContain("correction");
        var requests = sandbox.Server.RequestsFor("nexus-strict");
        requests.ShouldNotBeEmpty();
        requests.ShouldAllBe(request => !request.AllMessagesText.Contains(Rejected, StringComparison.Ordinal));
    }
}
