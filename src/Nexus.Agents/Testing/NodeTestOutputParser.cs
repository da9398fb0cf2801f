using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Testing;

/// <summary>
/// Reads <c>node --test</c> TAP output (node 18–22): <c>not ok N - name</c> lines with their YAML blocks
/// (<c>error: |-</c> …), nested <c># Subtest:</c> names, and the <c># pass N</c> / <c># fail N</c> summary
/// (also the spec reporter's <c>ℹ pass N</c>). Suites that failed only because a subtest failed are not counted twice.
/// </summary>
internal static partial class NodeTestOutputParser
{
    public static ParsedTestOutput? Parse(string output)
    {
        var lines = output.Split('\n');
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<TestFailure>();
        var names = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Summary().Match(line) is { Success: true } summary)
            {
                counts[summary.Groups["key"].Value] = int.Parse(summary.Groups["value"].Value, CultureInfo.InvariantCulture);
                continue;
            }

            if (Subtest().Match(line) is { Success: true } subtest)
            {
                var level = subtest.Groups["indent"].Length / 4;
                if (names.Count > level)
                {
                    names.RemoveRange(level, names.Count - level);
                }

                while (names.Count < level)
                {
                    names.Add(string.Empty);
                }

                names.Add(subtest.Groups["name"].Value.Trim());
                continue;
            }

            if (NotOk().Match(line) is not { Success: true } notOk)
            {
                continue;
            }

            var indent = notOk.Groups["indent"].Length;
            var block = ReadYamlBlock(lines, i + 1, indent + 2);
            if (block.TryGetValue("failureType", out var failureType) && failureType == "subtestsFailed")
            {
                continue;
            }

            var depth = indent / 4;
            var parents = names.Take(depth).Where(n => n.Length > 0);
            var name = string.Join(" > ", parents.Append(notOk.Groups["name"].Value.Trim()));
            failures.Add(new TestFailure(name, block.GetValueOrDefault("error") ?? "test failed"));
        }

        if (counts.Count == 0 && failures.Count == 0)
        {
            return null;
        }

        int? Count(string key) => counts.TryGetValue(key, out var value) ? value : null;
        var failed = Count("fail") is { } fail ? fail + (Count("cancelled") ?? 0) : (int?)null;
        var skipped = Count("skipped") is { } skip ? skip + (Count("todo") ?? 0) : (int?)null;
        return new ParsedTestOutput(Count("pass"), failed ?? (counts.Count == 0 ? failures.Count : null), skipped, failures);
    }

    /// <summary>Reads the top-level keys of the YAML block that starts at <paramref name="start"/> (if there is one).</summary>
    private static Dictionary<string, string> ReadYamlBlock(string[] lines, int start, int indent)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = new string(' ', indent);
        if (start >= lines.Length || lines[start].TrimEnd() != prefix + "---")
        {
            return values;
        }

        for (var i = start + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line == prefix + "...")
            {
                break;
            }

            if (!line.StartsWith(prefix, StringComparison.Ordinal) || line.Length <= indent || line[indent] == ' ')
            {
                continue;
            }

            var colon = line.IndexOf(':', indent);
            if (colon < 0)
            {
                continue;
            }

            var key = line[indent..colon];
            var value = line[(colon + 1)..].Trim();
            if (value is "|-" or "|" or ">-" or ">")
            {
                var body = new List<string>();
                var bodyPrefix = prefix + "  ";
                while (i + 1 < lines.Length && (lines[i + 1].StartsWith(bodyPrefix, StringComparison.Ordinal) || lines[i + 1].Trim().Length == 0)
                       && lines[i + 1].TrimEnd() != prefix + "...")
                {
                    i++;
                    body.Add(lines[i].Length >= bodyPrefix.Length ? lines[i][bodyPrefix.Length..].TrimEnd('\r') : string.Empty);
                }

                values[key] = string.Join('\n', body).Trim();
            }
            else
            {
                values[key] = Unquote(value);
            }
        }

        return values;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            return value[1..^1].Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);
        }

        return value;
    }

    [GeneratedRegex(@"^(?:# |ℹ )(?<key>tests|suites|pass|fail|cancelled|skipped|todo) (?<value>\d+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Summary();

    [GeneratedRegex(@"^(?<indent> *)# Subtest: (?<name>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Subtest();

    [GeneratedRegex(@"^(?<indent> *)not ok \d+ - (?<name>.*?)(?: # (?:SKIP|TODO)\b.*)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NotOk();
}
