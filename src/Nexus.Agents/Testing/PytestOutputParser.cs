using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Testing;

/// <summary>
/// Reads pytest output: the final <c>==== 2 failed, 3 passed, 1 skipped in 0.12s ====</c> line (also without the
/// <c>=</c> rulers, as <c>-q</c> prints it), <c>FAILED path::test - message</c> / <c>ERROR …</c> lines of the short summary,
/// and, when there is no short summary, the <c>____ test_name ____</c> sections with their <c>E   …</c> lines.
/// </summary>
internal static partial class PytestOutputParser
{
    public static ParsedTestOutput? Parse(string output)
    {
        var lines = output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var summary = lines.Select(line => Summary().Match(line)).LastOrDefault(match => match.Success);
        if (summary is null)
        {
            return null;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match part in Part().Matches(summary.Groups["body"].Value))
        {
            var key = part.Groups["key"].Value;
            key = key switch { "errors" => "error", "warning" => "warnings", _ => key };
            counts[key] = counts.GetValueOrDefault(key) + int.Parse(part.Groups["count"].Value, CultureInfo.InvariantCulture);
        }

        var failures = lines
            .Select(line => ShortSummary().Match(line))
            .Where(match => match.Success)
            .Select(match => new TestFailure(match.Groups["name"].Value, match.Groups["message"].Value.Trim()))
            .ToList();
        if (failures.Count == 0)
        {
            failures = ReadFailureSections(lines);
        }

        return new ParsedTestOutput(
            counts.GetValueOrDefault("passed") + counts.GetValueOrDefault("xpassed"),
            counts.GetValueOrDefault("failed") + counts.GetValueOrDefault("error"),
            counts.GetValueOrDefault("skipped") + counts.GetValueOrDefault("xfailed"),
            failures);
    }

    private static List<TestFailure> ReadFailureSections(string[] lines)
    {
        var failures = new List<TestFailure>();
        var inFailures = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (SectionRule().Match(lines[i]) is { Success: true } rule)
            {
                inFailures = rule.Groups["title"].Value is "FAILURES" or "ERRORS";
                continue;
            }

            if (!inFailures || TestHeader().Match(lines[i]) is not { Success: true } header)
            {
                continue;
            }

            var message = lines.Skip(i + 1)
                .TakeWhile(line => !TestHeader().IsMatch(line) && !SectionRule().IsMatch(line))
                .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
                .Select(line => line[1..].Trim());
            failures.Add(new TestFailure(header.Groups["name"].Value, string.Join('\n', message)));
        }

        return failures;
    }

    [GeneratedRegex(@"^=*\s*(?<body>(?:\d+ (?:passed|failed|skipped|errors?|xfailed|xpassed|deselected|warnings?|rerun)(?:, )?)+|no tests ran)\s+in [\d.]+s\b.*?=*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Summary();

    [GeneratedRegex(@"(?<count>\d+) (?<key>passed|failed|skipped|errors?|xfailed|xpassed|deselected|warnings?|rerun)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    [GeneratedRegex(@"^(?:FAILED|ERROR) (?<name>\S+)(?: - (?<message>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortSummary();

    [GeneratedRegex(@"^={5,} (?<title>[A-Za-z ]+?) ={5,}$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionRule();

    [GeneratedRegex(@"^_{3,} (?<name>.+?) _{3,}$", RegexOptions.CultureInvariant)]
    private static partial Regex TestHeader();
}
