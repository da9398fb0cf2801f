using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Testing;

/// <summary>
/// Reads <c>python -m unittest</c> output: <c>Ran N tests in …</c>, then <c>OK</c> / <c>FAILED (failures=1, errors=1, skipped=2)</c>,
/// and the <c>FAIL: name</c> / <c>ERROR: name</c> blocks whose last traceback line is the message.
/// </summary>
internal static partial class UnittestOutputParser
{
    public static ParsedTestOutput? Parse(string output)
    {
        var lines = output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var ranIndex = Array.FindLastIndex(lines, line => Ran().IsMatch(line));
        if (ranIndex < 0)
        {
            return null;
        }

        var ran = int.Parse(Ran().Match(lines[ranIndex]).Groups["count"].Value, CultureInfo.InvariantCulture);
        var details = new Dictionary<string, int>(StringComparer.Ordinal);
        var status = lines.Skip(ranIndex + 1).Select(line => Status().Match(line)).FirstOrDefault(match => match.Success);
        if (status is not null)
        {
            foreach (Match detail in Detail().Matches(status.Groups["details"].Value))
            {
                details[detail.Groups["key"].Value] = int.Parse(detail.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        var failed = details.GetValueOrDefault("failures") + details.GetValueOrDefault("errors") + details.GetValueOrDefault("unexpected successes");
        var skipped = details.GetValueOrDefault("skipped") + details.GetValueOrDefault("expected failures");
        return new ParsedTestOutput(Math.Max(0, ran - failed - skipped), failed, skipped, ReadFailures(lines));
    }

    private static List<TestFailure> ReadFailures(string[] lines)
    {
        var failures = new List<TestFailure>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Header().Match(lines[i]) is not { Success: true } header || i + 1 >= lines.Length || !Rule().IsMatch(lines[i + 1]))
            {
                continue;
            }

            var body = lines.Skip(i + 2).TakeWhile(line => !DoubleRule().IsMatch(line) && !Rule().IsMatch(line)).ToList();
            var message = body.LastOrDefault(line => line.Trim().Length > 0)?.Trim() ?? string.Empty;
            failures.Add(new TestFailure(header.Groups["name"].Value.Trim(), message));
        }

        return failures;
    }

    [GeneratedRegex(@"^Ran (?<count>\d+) tests? in ", RegexOptions.CultureInvariant)]
    private static partial Regex Ran();

    [GeneratedRegex(@"^(?:OK|FAILED|NO TESTS RAN)(?: \((?<details>[^)]*)\))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Status();

    [GeneratedRegex(@"(?<key>failures|errors|skipped|expected failures|unexpected successes)=(?<value>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Detail();

    [GeneratedRegex(@"^(?:FAIL|ERROR|UNEXPECTED SUCCESS): (?<name>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(@"^-{20,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Rule();

    [GeneratedRegex(@"^={20,}$", RegexOptions.CultureInvariant)]
    private static partial Regex DoubleRule();
}
