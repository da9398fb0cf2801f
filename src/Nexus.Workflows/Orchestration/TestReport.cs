using System.Globalization;
using System.Text;
using Nexus.Workflows.Activities;

namespace Nexus.Workflows.Orchestration;

/// <summary>A test run as Markdown for Beta, Prime and the <c>beta_to_aria</c> scratchpad.</summary>
internal static class TestReport
{
    public static string ToMarkdown(TestRunOutcome outcome)
    {
        var s = outcome.Summary;
        var text = new StringBuilder();
        text.Append("## Test run\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- Command: `{outcome.Command}` (exit code {outcome.ExitCode}{(outcome.TimedOut ? ", timed out" : string.Empty)})\n");
        text.Append(CultureInfo.InvariantCulture, $"- Passed: {s.Passed}, failed: {s.Failed}{(s.Skipped is { } skipped ? $", skipped: {skipped}" : string.Empty)}\n");
        text.Append("- Result: ").Append(s.Succeeded ? "**green**" : "**red**").Append('\n');
        if (outcome.Failures.Count > 0)
        {
            text.Append("\n### Failures\n\n");
            foreach (var failure in outcome.Failures.Take(20))
            {
                text.Append("- ").Append(failure.Length > 600 ? failure[..600] + "…" : failure).Append('\n');
            }
        }
        else if (!s.Succeeded && outcome.LogTail.Length > 0)
        {
            text.Append("\n### Output (tail)\n\n```\n").Append(outcome.LogTail.Length > 2000 ? outcome.LogTail[^2000..] : outcome.LogTail).Append("\n```\n");
        }

        return text.ToString();
    }
}
