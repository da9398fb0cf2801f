using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Workspaces;

/// <summary>Reads the output of <c>git diff --cached -U0 --full-index --src-prefix=a/ --dst-prefix=b/</c>: per file, its
/// path, whether it is binary or deleted, its new blob, and the lines the change adds with their numbers.</summary>
/// <remarks>
/// Hunks are read by the line counts in their headers, so an added line that itself reads <c>diff --git …</c> or
/// <c>+++ …</c> cannot be mistaken for a header. Paths come from the <c>diff --git</c> line: without renames both sides
/// name the same path, so it is unambiguous even with spaces, and C-quoted when it holds quotes or control characters.
/// A cut diff (output limit) ends with a partial section; the caller knows it was cut.
/// </remarks>
internal static partial class StagedPatch
{
    private const string SectionStart = "diff --git ";

    /// <summary>One file's section of the diff.</summary>
    public sealed record Section(string Path, IReadOnlyList<AddedLine> AddedLines, bool IsBinary, bool IsDeleted, string? NewBlobId);

    public static IReadOnlyList<Section> Parse(string patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var lines = patch.Split('\n');
        var sections = new List<Section>();
        var i = 0;
        while (i < lines.Length)
        {
            if (!lines[i].StartsWith(SectionStart, StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var path = ParsePath(lines[i][SectionStart.Length..]);
            bool binary = false, deleted = false;
            string? newBlob = null;
            for (i++; i < lines.Length && !lines[i].StartsWith("@@", StringComparison.Ordinal) && !lines[i].StartsWith(SectionStart, StringComparison.Ordinal); i++)
            {
                var header = lines[i];
                deleted |= header.StartsWith("deleted file mode ", StringComparison.Ordinal);
                binary |= header.StartsWith("Binary files ", StringComparison.Ordinal) || header.StartsWith("GIT binary patch", StringComparison.Ordinal);
                if (header.StartsWith("index ", StringComparison.Ordinal) && header.IndexOf("..", StringComparison.Ordinal) is var dots and > 0)
                {
                    newBlob = header[(dots + 2)..].Split(' ', 2)[0];
                }
            }

            var added = new List<AddedLine>();
            while (i < lines.Length && HunkHeader().Match(lines[i]) is { Success: true } hunk)
            {
                var oldLeft = Count(hunk.Groups["oldCount"]);
                var newLeft = Count(hunk.Groups["newCount"]);
                var number = int.Parse(hunk.Groups["newStart"].Value, CultureInfo.InvariantCulture);
                for (i++; i < lines.Length && (oldLeft > 0 || newLeft > 0 || lines[i].StartsWith('\\')); i++)
                {
                    var line = lines[i];
                    if (line.StartsWith('-') && oldLeft > 0)
                    {
                        oldLeft--;
                    }
                    else if (line.StartsWith('+') && newLeft > 0)
                    {
                        added.Add(new AddedLine(number++, line[1..].TrimEnd('\r')));
                        newLeft--;
                    }
                    else if (!line.StartsWith('\\'))
                    {
                        break;
                    }
                }
            }

            sections.Add(new Section(path, added, binary, deleted, newBlob is null || newBlob.All(c => c == '0') || !newBlob.All(char.IsAsciiHexDigit) ? null : newBlob));
        }

        return sections;
    }

    private static int Count(Group group) => group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : 1;

    /// <summary>The path of <c>a/P b/P</c> or <c>"a/P" "b/P"</c> (C-quoted).</summary>
    private static string ParsePath(string names)
    {
        if (names.StartsWith('"'))
        {
            var (first, end) = Unquote(names, 0);
            if (end < names.Length - 1 && names[end] == ' ' && names[end + 1] == '"')
            {
                var (second, _) = Unquote(names, end + 1);
                return StripPrefix(second, "b/");
            }

            return StripPrefix(first, "a/");
        }

        var length = (names.Length - 5) / 2;
        var path = length > 0 ? names.Substring(2, length) : string.Empty;
        if (length <= 0 || !string.Equals(names, $"a/{path} b/{path}", StringComparison.Ordinal))
        {
            throw new FormatException($"Unexpected diff header: diff --git {names}");
        }

        return path;
    }

    private static string StripPrefix(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : throw new FormatException($"Unexpected diff path: {name}");

    /// <summary>Reads git's C-style quoting (<c>\"</c>, <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\ooo</c> octal bytes) from the
    /// quote at <paramref name="start"/>; returns the text and the index after the closing quote.</summary>
    private static (string Text, int End) Unquote(string text, int start)
    {
        var bytes = new List<byte>();
        var i = start + 1;
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, width)));
                i += width;
                continue;
            }

            var escaped = text[i + 1];
            if (escaped is >= '0' and <= '7' && i + 3 < text.Length)
            {
                bytes.Add((byte)Convert.ToInt32(text.Substring(i + 1, 3), 8));
                i += 4;
                continue;
            }

            bytes.Add(escaped switch
            {
                'a' => 7,
                'b' => 8,
                't' => 9,
                'n' => 10,
                'v' => 11,
                'f' => 12,
                'r' => 13,
                _ => (byte)escaped,
            });
            i += 2;
        }

        return (Encoding.UTF8.GetString([.. bytes]), i + 1);
    }

    [GeneratedRegex(@"^@@ -[0-9]+(,(?<oldCount>[0-9]+))? \+(?<newStart>[0-9]+)(,(?<newCount>[0-9]+))? @@", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex HunkHeader();
}
