using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Testing;

/// <summary>
/// Reads <c>dotnet test</c> output: VSTest's <c>Failed!  - Failed: 1, Passed: 4, Skipped: 0, Total: 5</c> summary (one per
/// test assembly, summed) with its <c>  Failed Name [12 ms]</c> / <c>  Error Message:</c> blocks; Microsoft.Testing.Platform's
/// <c>Test run summary:</c> with <c>failed: N</c> / <c>succeeded: N</c>; and, when the build broke, its <c>error CS…</c> lines.
/// </summary>
internal static partial class DotnetTestOutputParser
{
    private const int MaxBuildErrors = 20;

    public static ParsedTestOutput? Parse(string output)
    {
        var lines = output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        int? passed = null, failed = null, skipped = null;
        foreach (var line in lines)
        {
            if (VsTestSummary().Match(line) is { Success: true } summary)
            {
                failed = (failed ?? 0) + Number(summary, "failed");
                passed = (passed ?? 0) + Number(summary, "passed");
                skipped = (skipped ?? 0) + Number(summary, "skipped");
            }
        }

        if (failed is null && lines.Any(l => l.StartsWith("Test run summary:", StringComparison.Ordinal)))
        {
            foreach (var line in lines)
            {
                if (MtpCount().Match(line) is { Success: true } count)
                {
                    var value = Number(count, "value");
                    switch (count.Groups["key"].Value)
                    {
                        case "failed": failed = (failed ?? 0) + value; break;
                        case "succeeded": passed = (passed ?? 0) + value; break;
                        case "skipped": skipped = (skipped ?? 0) + value; break;
                    }
                }
            }
        }

        var failures = ReadFailures(lines);
        if (failed is null && failures.Count == 0)
        {
            var buildErrors = lines
                .Select(line => BuildError().Match(line))
                .Where(match => match.Success)
                .Select(match => match.Groups["error"].Value.Trim())
                .Distinct(StringComparer.Ordinal)
                .Take(MaxBuildErrors)
                .Select(error => new TestFailure("build", error))
                .ToList();
            return buildErrors.Count > 0 ? new ParsedTestOutput(null, null, null, buildErrors) : null;
        }

        return new ParsedTestOutput(passed, failed, skipped, failures);
    }

    private static List<TestFailure> ReadFailures(string[] lines)
    {
        var failures = new List<TestFailure>();
        for (var i = 0; i < lines.Length; i++)
        {
            var header = VsTestFailed().Match(lines[i]);
            var mtp = header.Success ? Match.Empty : MtpFailed().Match(lines[i]);
            if (!header.Success && !mtp.Success)
            {
                continue;
            }

            var name = (header.Success ? header : mtp).Groups["name"].Value.Trim();
            var message = new List<string>();
            var j = i + 1;
            if (header.Success)
            {
                if (j < lines.Length && lines[j].Trim() == "Error Message:")
                {
                    j++;
                    while (j < lines.Length && !EndOfMessage().IsMatch(lines[j]))
                    {
                        message.Add(lines[j++].Trim());
                    }
                }
            }
            else
            {
                while (j < lines.Length && lines[j].StartsWith("  ", StringComparison.Ordinal) && !lines[j].TrimStart().StartsWith("at ", StringComparison.Ordinal)
                       && lines[j].Trim() != "Stack Trace:")
                {
                    message.Add(lines[j++].Trim());
                }
            }

            failures.Add(new TestFailure(name, string.Join('\n', message).Trim()));
            i = j - 1;
        }

        return failures;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?:Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+),\s+Skipped:\s+(?<skipped>\d+),\s+Total:\s+\d+", RegexOptions.CultureInvariant)]
    private static partial Regex VsTestSummary();

    [GeneratedRegex(@"^  Failed (?<name>.+?) \[[^\]]*\]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex VsTestFailed();

    [GeneratedRegex(@"^  (?:Stack Trace:|Standard Output Messages:|Standard Error Messages:|(?:Failed|Passed|Skipped) .+ \[[^\]]*\]\s*$)|^\s*(?:Passed|Failed)!\s+-\s+Failed:|^Results File:|^Total tests:", RegexOptions.CultureInvariant)]
    private static partial Regex EndOfMessage();

    [GeneratedRegex(@"^\s*(?<key>total|failed|succeeded|skipped):\s+(?<value>\d+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MtpCount();

    [GeneratedRegex(@"^failed (?<name>.+?) \([^)]*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MtpFailed();

    [GeneratedRegex(@"(?<error>\S*\(\d+,\d+\): error [A-Z]+\d+: .*?)(?: \[[^\]]*\.(?:cs|fs|vb)proj\])?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildError();
}
