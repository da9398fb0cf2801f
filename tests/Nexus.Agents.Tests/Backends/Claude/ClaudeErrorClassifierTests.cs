using System.Text.Json;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.Claude;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Claude;

/// <summary>Classification of the CLI's result objects and start-up errors (shapes as the real CLI prints them).</summary>
public sealed class ClaudeErrorClassifierTests
{
    private static string Keep(string? text) => text ?? string.Empty;

    private static ClaudeResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ClaudeResult.Parse(document.RootElement, Keep);
    }

    [Fact]
    public void Classify_SuccessWithoutError_IsNull()
    {
        var result = Parse("""{"type":"result","subtype":"success","is_error":false,"result":"ok","session_id":"s"}""");

        ClaudeErrorClassifier.Classify(result, Keep).ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":401,"result":"Invalid API key · Fix external API key"}""", AgentErrorKind.Authentication, 401)]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":403,"result":"API Error: 403"}""", AgentErrorKind.Authentication, 403)]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":529,"result":"API Error: 529 Overloaded."}""", AgentErrorKind.Transient, 529)]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":429,"result":"API Error: 429"}""", AgentErrorKind.Transient, 429)]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":503,"result":"API Error: 503"}""", AgentErrorKind.Transient, 503)]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":404,"result":"API Error: 404 model: nope"}""", AgentErrorKind.ModelNotFound, 404)]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":null,"result":"API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)"}""", AgentErrorKind.Transient, null)]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"api_error_status":null,"result":"Request timed out."}""", AgentErrorKind.Transient, null)]
    [InlineData("""{"type":"result","subtype":"error_max_turns","is_error":true,"errors":["Reached maximum number of turns (1)"]}""", AgentErrorKind.MaxTurns, null)]
    [InlineData("""{"type":"result","subtype":"error_max_budget_usd","is_error":true,"errors":["Reached maximum budget ($0.01)"]}""", AgentErrorKind.Budget, null)]
    [InlineData("""{"type":"result","subtype":"error_during_execution","is_error":true,"errors":["Something odd"]}""", AgentErrorKind.Unknown, null)]
    public void Classify_ErrorResult_HasExpectedKindAndStatus(string json, AgentErrorKind kind, int? status)
    {
        var error = ClaudeErrorClassifier.Classify(Parse(json), Keep).ShouldNotBeNull();

        error.Kind.ShouldBe(kind);
        error.StatusCode.ShouldBe(status);
        error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Classify_MaxTurns_UsesTheErrorsListAsMessage()
    {
        var error = ClaudeErrorClassifier.Classify(
            Parse("""{"type":"result","subtype":"error_max_turns","is_error":true,"errors":["Reached maximum number of turns (1)"]}"""), Keep);

        error.ShouldNotBeNull().Message.ShouldBe("Reached maximum number of turns (1)");
    }

    [Theory]
    [InlineData("No conversation found with session ID: 11111111-1111-1111-1111-111111111111", AgentErrorKind.SessionExpired)]
    [InlineData("Error: --resume requires a valid session ID or session title when used with --print.", AgentErrorKind.SessionExpired)]
    [InlineData("Invalid API key · Please run /login", AgentErrorKind.Authentication)]
    [InlineData("Session ID 1234 is already in use.", AgentErrorKind.Unknown)]
    [InlineData("", AgentErrorKind.Unknown)]
    public void FromStartupFailure_StderrText_IsClassified(string stderr, AgentErrorKind kind)
    {
        var error = ClaudeErrorClassifier.FromStartupFailure(1, $"[claude-code:unrecognized_model] {{\"model\":\"x\"}}\n{stderr}", Keep);

        error.Kind.ShouldBe(kind);
        error.Message.ShouldStartWith("claude exited with code 1 and printed no result");
        error.Message.ShouldNotContain("unrecognized_model");
    }

    [Theory]
    [InlineData(137, "", "claude was killed by signal 9 (SIGKILL) from outside NEXUS (exit code 137) and printed no result.")]
    [InlineData(143, "Terminated", "claude was killed by signal 15 (SIGTERM) from outside NEXUS (exit code 143) and printed no result: Terminated")]
    [InlineData(158, "", "claude was killed by signal 30 from outside NEXUS (exit code 158) and printed no result.")]
    [InlineData(128, "", "claude exited with code 128 and printed no result.")]
    [InlineData(255, "", "claude exited with code 255 and printed no result.")]
    public void FromStartupFailure_ExitCodeOfASignal_SaysTheProcessWasKilled(int exitCode, string stderr, string message)
    {
        var error = ClaudeErrorClassifier.FromStartupFailure(exitCode, stderr, Keep);

        error.Kind.ShouldBe(AgentErrorKind.Unknown);
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void Parse_FullResult_ReadsUsageCostModelAndDenials()
    {
        var result = Parse("""
            {"type":"result","subtype":"success","is_error":false,"result":"done","session_id":"abc","total_cost_usd":0.00014000000000000001,
             "usage":{"input_tokens":10,"cache_creation_input_tokens":3,"cache_read_input_tokens":2,"output_tokens":5},
             "modelUsage":{"haiku":{"outputTokens":1},"sonnet":{"outputTokens":40}},
             "permission_denials":[{"tool_name":"Write","tool_use_id":"t1","tool_input":{"file_path":"/w/a.txt","content":"x"}},
                                   {"tool_name":"Bash","tool_use_id":"t2","tool_input":{"command":"rm -rf /"}},
                                   {"tool_name":"WebFetch","tool_use_id":"t3","tool_input":{"url":"https://example.invalid"}}]}
            """);

        result.Text.ShouldBe("done");
        result.SessionId.ShouldBe("abc");
        result.CostUsd.ShouldBe(0.00014m);
        result.InputTokens.ShouldBe(15);
        result.OutputTokens.ShouldBe(5);
        result.Model.ShouldBe("sonnet");
        result.PermissionDenials.Select(denial => (denial.ToolName, denial.Detail)).ShouldBe(
        [
            ("Write", "/w/a.txt"),
            ("Bash", "rm -rf /"),
            ("WebFetch", """{"url":"https://example.invalid"}"""),
        ]);
    }

    [Fact]
    public void Parse_Redactor_IsAppliedToDenialDetails()
    {
        using var document = JsonDocument.Parse("""{"type":"result","subtype":"success","is_error":false,"permission_denials":[{"tool_name":"Bash","tool_input":{"command":"echo secret-value"}}]}""");

        var redacted = ClaudeResult.Parse(document.RootElement, text => (text ?? string.Empty).Replace("secret-value", "[REDACTED]", StringComparison.Ordinal));

        redacted.PermissionDenials.ShouldHaveSingleItem().Detail.ShouldBe("echo [REDACTED]");
    }
}
