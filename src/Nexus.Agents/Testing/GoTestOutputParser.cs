using System.Text.RegularExpressions;

namespace Nexus.Agents.Testing;

/// <summary>
/// Reads <c>go test ./...</c> output (not verbose): <c>--- FAIL: TestName (0.00s)</c> with its indented message lines, and
/// the per-package <c>ok</c>/<c>FAIL</c> lines. Without <c>-v</c> go does not print passing tests, so only failures are counted.
/// </summary>
internal static partial class GoTestOutputParser
{
    public static ParsedTestOutput? Parse(string output)
    {
        var lines = output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var failures = new List<TestFailure>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Failed().Match(lines[i]) is { Success: true } failed)
            {
                var message = lines.Skip(i + 1).TakeWhile(line => line.StartsWith("    ", StringComparison.Ordinal)).Select(line => line.Trim());
                failures.Add(new TestFailure(failed.Groups["name"].Value, string.Join('\n', message)));
            }
        }

        var packageLines = lines.Count(line => Package().IsMatch(line));
        if (failures.Count == 0 && packageLines == 0)
        {
            return null;
        }

        return new ParsedTestOutput(null, failures.Count, null, failures);
    }

    [GeneratedRegex(@"^\s*--- FAIL: (?<name>\S+) \(", RegexOptions.CultureInvariant)]
    private static partial Regex Failed();

    [GeneratedRegex(@"^(?:ok|FAIL|\?)\s+\S+\s", RegexOptions.CultureInvariant)]
    private static partial Regex Package();
}
