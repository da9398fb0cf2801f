using System.Text;

namespace Nexus.Workflows.Memory;

/// <summary>The lessons of earlier projects an agent's prompt gets: at most <see cref="MaxEntries"/> entries and
/// <see cref="MaxCharacters"/> characters, each cited by its project id.</summary>
/// <param name="Section">The prompt section (Markdown), or <see langword="null"/> when nothing was found.</param>
/// <param name="ProjectIds">The projects cited, in order (recorded with the step's result).</param>
public sealed record RecalledLessons(string? Section, IReadOnlyList<string> ProjectIds)
{
    /// <summary>The most entries a prompt gets.</summary>
    public const int MaxEntries = 5;

    /// <summary>The most characters of the entries a prompt gets (titles and texts; the heading not counted).</summary>
    public const int MaxCharacters = 2000;

    /// <summary>Nothing recalled.</summary>
    public static RecalledLessons None { get; } = new(null, []);

    /// <summary>The section for <paramref name="hits"/> (best first), cut to the bounds.</summary>
    public static RecalledLessons From(IReadOnlyList<MemoryHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var lines = new List<string>();
        var ids = new List<string>();
        var left = MaxCharacters;
        foreach (var hit in hits.Take(MaxEntries))
        {
            var entry = hit.Entry;
            var head = $"- [project {entry.ProjectId}] {entry.Kind} — {entry.Title}: ";
            if (left - head.Length < 40)
            {
                break;
            }

            var line = head + MemoryText.Clip(entry.Text.ReplaceLineEndings(" "), left - head.Length);
            left -= line.Length;
            lines.Add(line);
            if (!ids.Contains(entry.ProjectId, StringComparer.Ordinal))
            {
                ids.Add(entry.ProjectId);
            }
        }

        if (lines.Count == 0)
        {
            return None;
        }

        var section = new StringBuilder("## Lessons from earlier projects\n\nFrom NEXUS's memory, most relevant first, each with the project it comes from. Use what applies to this project; ignore the rest.\n\n");
        foreach (var line in lines)
        {
            section.Append(line).Append('\n');
        }

        return new RecalledLessons(section.ToString(), ids);
    }
}
