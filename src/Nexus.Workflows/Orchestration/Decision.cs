using System.Text.Json;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Orchestration;

/// <summary>Prime's routing decision, after parsing and guard rails.</summary>
internal sealed record Decision(string Route, string Reason, string? Feedback, string? StopReason = null)
{
    public const string Schema = """
        {"type":"object","properties":{"decision":{"type":"string","enum":["done","fix_implementation","fix_tests","replan","needs_human"]},"reason":{"type":"string"},"feedback":{"type":"string"}},"required":["decision","reason","feedback"],"additionalProperties":false}
        """;

    // Reads Prime's structured reply. A missing or invalid decision does not stop the project: it is replaced by the
    // decision the test results imply, and the reason says so.
    public static Decision Parse(AgentStepResult result, bool testsGreen)
    {
        if (result.Structured is { ValueKind: JsonValueKind.Object } json
            && json.TryGetProperty("decision", out var decisionValue)
            && decisionValue.GetString() is { } decision
            && RouteDecision.All.Contains(decision))
        {
            var reason = json.TryGetProperty("reason", out var r) ? r.GetString() ?? string.Empty : string.Empty;
            var feedback = json.TryGetProperty("feedback", out var f) ? f.GetString() : null;
            return new Decision(decision, reason, string.IsNullOrWhiteSpace(feedback) ? null : feedback);
        }

        return testsGreen
            ? new Decision(RouteDecision.Done, "Prime gave no valid decision; the tests are green.", null)
            : new Decision(RouteDecision.FixImplementation, "Prime gave no valid decision; the tests fail.", null);
    }
}
