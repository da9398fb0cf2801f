using System.Text.RegularExpressions;

namespace Nexus.Workflows.Memory;

/// <summary>Free text (a project's description, a user's search) as the words both full-text stores search for: letters
/// and digits only (no query syntax reaches a store), lower case, each once, at most <see cref="MaxTerms"/>.</summary>
public static partial class MemoryQuery
{
    /// <summary>The most words a search uses.</summary>
    public const int MaxTerms = 32;

    /// <summary>The searchable words of <paramref name="text"/> (two characters or more), in order of appearance.</summary>
    public static IReadOnlyList<string> Terms(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 2).Distinct(StringComparer.Ordinal).Take(MaxTerms)];

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
