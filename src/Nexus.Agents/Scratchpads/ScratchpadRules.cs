using Nexus.Agents.Security;

namespace Nexus.Agents.Scratchpads;

/// <summary>The behaviour every store shares: validation, redaction, normalization and upsert by step key.</summary>
internal static class ScratchpadRules
{
    public static ScratchpadEntry Prepare(ScratchpadEntry entry, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.StepKey, nameof(entry));
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Author, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.Content, nameof(entry));
        return entry with
        {
            Author = redactor.Redact(entry.Author),
            Content = redactor.Redact(entry.Content).ReplaceLineEndings("\n").TrimEnd(),
        };
    }

    /// <summary>Replaces the entry with the same step key in place, or appends.</summary>
    public static List<ScratchpadEntry> Upsert(IEnumerable<ScratchpadEntry> existing, ScratchpadEntry entry)
    {
        var entries = existing.ToList();
        var index = entries.FindIndex(e => string.Equals(e.StepKey, entry.StepKey, StringComparison.Ordinal));
        if (index >= 0)
        {
            entries[index] = entry;
        }
        else
        {
            entries.Add(entry);
        }

        return entries;
    }
}
