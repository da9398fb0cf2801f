using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Testing;

/// <summary>Reads <c>cargo test</c> output: <c>test result: FAILED. 3 passed; 1 failed; 0 ignored; …</c> per test binary (summed) and <c>---- name stdout ----</c> blocks.</summary>
internal static partial class CargoTestOutputParser
{
    public static ParsedTestOutput? Parse(string output)
    {
        var lines = output.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        int? passed = null, failed = null, skipped = null;
        foreach (var line in lines)
        {
            if (Result().Match(line) is { Success: true } result)
            {
                passed = (passed ?? 0) + Number(result, "passed");
                failed = (failed ?? 0) + Number(result, "failed");
                skipped = (skipped ?? 0) + Number(result, "ignored");
            }
        }

        if (failed is null)
        {
            return null;
        }

        var failures = new List<TestFailure>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Block().Match(lines[i]) is { Success: true } block)
            {
                var body = lines.Skip(i + 1).TakeWhile(line => !Block().IsMatch(line) && line != "failures:").ToList();
                var panic = body.FindIndex(line => line.Contains("panicked at", StringComparison.Ordinal));
                var message = string.Join('\n', body
                    .Skip(panic + 1)
                    .TakeWhile(line => !line.StartsWith("note:", StringComparison.Ordinal) && !line.StartsWith("stack backtrace:", StringComparison.Ordinal)));
                failures.Add(new TestFailure(block.Groups["name"].Value, message.Trim()));
            }
        }

        return new ParsedTestOutput(passed, failed, skipped, failures);
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^test result: \w+\. (?<passed>\d+) passed; (?<failed>\d+) failed; (?<ignored>\d+) ignored;", RegexOptions.CultureInvariant)]
    private static partial Regex Result();

    [GeneratedRegex(@"^---- (?<name>\S+) stdout ----$", RegexOptions.CultureInvariant)]
    private static partial Regex Block();
}
