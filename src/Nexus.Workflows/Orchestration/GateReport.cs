using Nexus.Workflows.Activities;

namespace Nexus.Workflows.Orchestration;

/// <summary>The gates of a test run as Markdown for Prime (the same text as the <c>qa_report</c> and <c>security_report</c>
/// scratchpads).</summary>
internal static class GateReport
{
    public static string ToMarkdown(TestRunOutcome outcome)
    {
        var quality = outcome.Quality?.ToMarkdown()
            ?? (outcome.Summary.Succeeded ? string.Empty : "## QA gate: not run\n\nThe QA gate (when it is on) measures only after a green test run.\n");
        var security = outcome.Security?.ToMarkdown() ?? string.Empty;
        return $"\n{quality}\n{security}";
    }
}
