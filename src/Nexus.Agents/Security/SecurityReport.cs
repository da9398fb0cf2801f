using System.Globalization;
using System.Text;

namespace Nexus.Agents.Security;

/// <summary>What the Security gate found in a project's change (recorded with the test run).</summary>
public sealed record SecurityReport
{
    /// <summary>How many findings <see cref="ToMarkdown"/> lists.</summary>
    public const int MaxListed = 50;

    /// <summary>The commit the change starts from (the workspace's first commit).</summary>
    public required string FromCommit { get; init; }

    /// <summary>The commit scanned.</summary>
    public required string ToCommit { get; init; }

    /// <summary>How many files the change creates or modifies.</summary>
    public int FilesScanned { get; init; }

    /// <summary>Every finding, high severity first.</summary>
    public IReadOnlyList<SecurityFinding> Findings { get; init; } = [];

    /// <summary>What the dependency check did (or why it did not run).</summary>
    public string DependencyCheck { get; init; } = "not run";

    /// <summary>No high-severity finding.</summary>
    public bool Passed => !Findings.Any(f => f.Severity == SecuritySeverity.High);

    /// <summary>The concrete work for Code: the high-severity findings.</summary>
    public string CodeWork() =>
        "Fix these security findings (high severity blocks done): " +
        string.Join("; ", Findings.Where(f => f.Severity == SecuritySeverity.High).Take(10).Select(f => f.ToString())) + ".";

    /// <summary>The report as the <c>security_report</c> scratchpad shows it.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var high = Findings.Count(f => f.Severity == SecuritySeverity.High);
        text.Append(CultureInfo.InvariantCulture, $"## Security gate: {(Passed ? "passed" : "failed")}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Scanned the project's change {Short(FromCommit)}..{Short(ToCommit)}: {FilesScanned} file(s); {Findings.Count} finding(s), {high} of high severity (high blocks done).\n\n");
        if (Findings.Count > 0)
        {
            text.Append("| severity | file | line | rule | finding |\n|---|---|---:|---|---|\n");
            foreach (var finding in Findings.Take(MaxListed))
            {
                text.Append(CultureInfo.InvariantCulture, $"| {finding.Severity} | {finding.File} | {finding.Line?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {finding.Rule} | {finding.Message.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }

            if (Findings.Count > MaxListed)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n…and {Findings.Count - MaxListed} more.\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nDependencies: {DependencyCheck}\n");
        return text.ToString();
    }

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
