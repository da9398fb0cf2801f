using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.Claude;
using Nexus.Agents.Security;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>The parser of <c>claude -p --output-format stream-json --verbose</c> lines (shapes as the CLI prints them):
/// live progress from each line, the durable result only from the final <c>result</c> object, and nothing thrown for a
/// line that is cut, malformed or not JSON at all.</summary>
public sealed class ClaudeOutputReaderTests
{
    private const string Workspace = "/data/projects/p-1/workspace";
    private const string Secret = "sk-live-0123456789abcdefghijklmnop";

    private const string Init = """{"type":"system","subtype":"init","cwd":"/data/projects/p-1/workspace","session_id":"5f0c7c9e-1111-4222-8333-944455556666","tools":["Read","Write","Bash"],"model":"claude-sonnet-4-5","permissionMode":"acceptEdits"}""";

    private const string WriteToolUse = """{"type":"assistant","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"tool_use","id":"toolu_1","name":"Write","input":{"file_path":"/data/projects/p-1/workspace/src/csv2json.js","content":"module.exports = {};\n"}}]},"session_id":"5f0c7c9e-1111-4222-8333-944455556666"}""";

    private const string ToolResultError = """{"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_2","type":"tool_result","content":"Exit code 1\nnpm ERR! missing script: test","is_error":true}]},"session_id":"5f0c7c9e-1111-4222-8333-944455556666"}""";

    private const string Result = """{"type":"result","subtype":"success","is_error":false,"duration_ms":5210,"num_turns":3,"result":"Implemented csv2json.","session_id":"5f0c7c9e-1111-4222-8333-944455556666","total_cost_usd":0.0123,"usage":{"input_tokens":120,"output_tokens":45}}""";

    [Fact]
    public void OnLine_StreamOfATurn_ReportsSessionToolUseWithWorkspaceRelativePathAndKeepsTheFinalResult()
    {
        var progress = new CollectingProgress();
        var reader = Reader(progress);

        foreach (var line in (string[])[Init, WriteToolUse, ToolResultError, Result])
        {
            reader.OnLine(line);
        }

        progress.Reports.Select(r => r.Kind).ShouldBe([AgentProgressKind.Session, AgentProgressKind.Tool, AgentProgressKind.Message]);
        progress.Reports[0].Message.ShouldBe("Claude Code session 5f0c7c9e-1111-4222-8333-944455556666 started (model claude-sonnet-4-5, acceptEdits permissions)");
        var write = progress.Reports[1];
        write.Message.ShouldBe("Write src/csv2json.js");
        write.Tool.ShouldBe("Write");
        write.Target.ShouldBe("src/csv2json.js");
        write.AgentId.ShouldBe("code");
        progress.Reports[2].Message.ShouldStartWith("Tool failed: Exit code 1");
        reader.SessionId.ShouldBe("5f0c7c9e-1111-4222-8333-944455556666");
        reader.Model.ShouldBe("claude-sonnet-4-5");
        var result = reader.Result.ShouldNotBeNull();
        result.Text.ShouldBe("Implemented csv2json.");
        result.OutputTokens.ShouldBe(45);
    }

    [Theory]
    [InlineData("""{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Wri""")]
    [InlineData("""{"type":"result","subtype":"success","is_error":false,"result":"half""")]
    [InlineData("not json at all")]
    [InlineData("{ this is not json }")]
    [InlineData("""["an","array"]""")]
    [InlineData("""{"type":"assistant","message":"a string, not an object"}""")]
    [InlineData("""{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Write","input":"not an object"}]}}""")]
    [InlineData("""{"type":"assistant","message":{"content":{"type":"text"}}}""")]
    [InlineData("""{"type":"result","subtype":"success","is_error":false,"result":"x","usage":"not an object","permission_denials":"nope"}""")]
    [InlineData("")]
    [InlineData("   ")]
    public void OnLine_MalformedOrPartialLine_IsSkippedWithoutThrowingAndLaterLinesStillCount(string line)
    {
        var progress = new CollectingProgress();
        var reader = Reader(progress);

        reader.OnLine(line);
        reader.OnLine(WriteToolUse);
        reader.OnLine(Result);

        progress.Messages.ShouldContain("Write src/csv2json.js");
        reader.Result.ShouldNotBeNull().Text.ShouldBe("Implemented csv2json.");
    }

    [Fact]
    public void OnLine_StreamCutBeforeTheResult_HasNoResult()
    {
        var reader = Reader(new CollectingProgress());

        reader.OnLine(Init);
        reader.OnLine(WriteToolUse);
        reader.OnLine(Result[..40]);

        reader.Result.ShouldBeNull("the durable result is only ever the final result object");
        reader.SessionId.ShouldBe("5f0c7c9e-1111-4222-8333-944455556666");
    }

    [Fact]
    public void OnLine_ToolInputsHoldingSecrets_AreRedactedInMessageAndTarget()
    {
        var progress = new CollectingProgress();
        var reader = Reader(progress);
        var bash = $$$"""{"type":"assistant","message":{"content":[{"type":"tool_use","id":"t","name":"Bash","input":{"command":"curl -H 'Authorization: Bearer {{{Secret}}}' https://api.example.com\necho done"}}]}}""";

        reader.OnLine(bash);

        var report = progress.Reports.ShouldHaveSingleItem();
        report.Kind.ShouldBe(AgentProgressKind.Tool);
        report.Tool.ShouldBe("Bash");
        report.Message.ShouldNotContain(Secret);
        report.Target.ShouldNotBeNull().ShouldNotContain(Secret);
        report.Target.ShouldStartWith("curl -H");
        report.Target.ShouldEndWith(" …", Case.Sensitive, "only the command's first line is shown");
    }

    [Fact]
    public void OnLine_PathsOutsideTheWorkspaceAndPatterns_AreShownAsGiven()
    {
        var progress = new CollectingProgress();
        var reader = Reader(progress);

        reader.OnLine("""{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Read","input":{"file_path":"/etc/hosts"}}]}}""");
        reader.OnLine("""{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Grep","input":{"pattern":"TODO","path":"/data/projects/p-1/workspace/src"}}]}}""");
        reader.OnLine("""{"type":"assistant","message":{"content":[{"type":"tool_use","name":"TodoWrite","input":{"todos":[]}}]}}""");
        reader.OnLine("""{"type":"system","subtype":"api_retry","attempt":2,"error":"overloaded_error"}""");

        progress.Messages.ShouldBe(["Read /etc/hosts", "Grep TODO", "TodoWrite", "The model API failed: overloaded_error; Claude Code is retrying (attempt 2)"]);
        progress.Reports[^1].Kind.ShouldBe(AgentProgressKind.Retry);
    }

    [Fact]
    public void OnLine_ReceiverThatThrows_IsReportedOnceAndNotCalledAgain()
    {
        var calls = 0;
        var failures = new List<Exception>();
        var reader = new ClaudeOutputReader(
            "code", new CollectingProgress(_ => { calls++; throw new InvalidOperationException("view gone"); }), text => Redactor.Redact(text), failures.Add, Workspace);

        reader.OnLine(Init);
        reader.OnLine(WriteToolUse);
        reader.OnLine(Result);

        calls.ShouldBe(1);
        failures.ShouldHaveSingleItem().Message.ShouldBe("view gone");
        reader.Result.ShouldNotBeNull();
    }

    private static SecretRedactor Redactor { get; } = new([Secret]);

    private static ClaudeOutputReader Reader(CollectingProgress progress) =>
        new("code", progress, text => Redactor.Redact(text), ex => throw new InvalidOperationException("the receiver failed", ex), Workspace);
}
