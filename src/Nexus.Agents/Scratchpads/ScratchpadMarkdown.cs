using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Scratchpads;

/// <summary>
/// The on-disk form of a pad: readable Markdown whose entries start with a machine-readable comment line, so the file
/// can be read back exactly.
/// </summary>
/// <remarks>
/// <code>
/// # aria_to_code
///
/// &lt;!-- nexus:entry step="plan" author="ARIA" at="2026-01-01T10:00:00.0000000+00:00" --&gt;
/// ## ARIA — 2026-01-01 10:00:00Z
///
/// …content…
/// </code>
/// A content line that itself starts with <c>&lt;!-- nexus:</c> (an agent quoting a pad) is written with one more leading
/// backslash and read back without it, so it can never be mistaken for an entry header.
/// </remarks>
internal static partial class ScratchpadMarkdown
{
    public static string Render(string padName, IReadOnlyList<ScratchpadEntry> entries)
    {
        var builder = new StringBuilder();
        builder.Append("# ").Append(padName).Append('\n');
        foreach (var entry in entries)
        {
            builder.Append('\n')
                .Append(CultureInfo.InvariantCulture, $"<!-- nexus:entry step=\"{Encode(entry.StepKey)}\" author=\"{Encode(entry.Author)}\" at=\"{entry.Timestamp.ToString("O", CultureInfo.InvariantCulture)}\" -->")
                .Append('\n')
                .Append(CultureInfo.InvariantCulture, $"## {OneLine(entry.Author)} — {entry.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z")
                .Append("\n\n");
            if (entry.Content.Length > 0)
            {
                foreach (var line in entry.Content.Split('\n'))
                {
                    builder.Append(HeaderLike().IsMatch(line) ? "\\" + line : line).Append('\n');
                }
            }
        }

        return builder.ToString();
    }

    public static List<ScratchpadEntry> Parse(string markdown)
    {
        var entries = new List<ScratchpadEntry>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var index = 0;
        while (index < lines.Length)
        {
            var header = Header().Match(lines[index]);
            index++;
            if (!header.Success)
            {
                continue; // The title, or text someone added outside any entry.
            }

            if (index < lines.Length && lines[index].StartsWith("## ", StringComparison.Ordinal))
            {
                index++;
            }

            if (index < lines.Length && lines[index].Length == 0)
            {
                index++;
            }

            var content = new List<string>();
            while (index < lines.Length && !Header().IsMatch(lines[index]))
            {
                var line = lines[index++];
                content.Add(EscapedHeaderLike().IsMatch(line) ? line[1..] : line);
            }

            while (content.Count > 0 && content[^1].Length == 0)
            {
                content.RemoveAt(content.Count - 1);
            }

            entries.Add(new ScratchpadEntry
            {
                StepKey = Decode(header.Groups["step"].Value),
                Author = Decode(header.Groups["author"].Value),
                Timestamp = DateTimeOffset.Parse(header.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Content = string.Join('\n', content),
            });
        }

        return entries;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Encode(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\n", "&#10;", StringComparison.Ordinal)
        .Replace("\r", "&#13;", StringComparison.Ordinal);

    private static string Decode(string value) => value
        .Replace("&#13;", "\r", StringComparison.Ordinal)
        .Replace("&#10;", "\n", StringComparison.Ordinal)
        .Replace("&gt;", ">", StringComparison.Ordinal)
        .Replace("&lt;", "<", StringComparison.Ordinal)
        .Replace("&quot;", "\"", StringComparison.Ordinal)
        .Replace("&amp;", "&", StringComparison.Ordinal);

    [GeneratedRegex("^<!-- nexus:entry step=\"(?<step>[^\"]*)\" author=\"(?<author>[^\"]*)\" at=\"(?<at>[^\"]*)\" -->$", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(@"^\\*<!-- nexus:", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLike();

    [GeneratedRegex(@"^\\+<!-- nexus:", RegexOptions.CultureInvariant)]
    private static partial Regex EscapedHeaderLike();
}
