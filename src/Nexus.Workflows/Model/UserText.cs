using System.Globalization;

namespace Nexus.Workflows.Model;

/// <summary>The one rule for text a person supplies (descriptions, requirements, feedback, chat messages, reasons): no
/// control characters but newlines and tabs, and no bidirectional-text controls, because the text is shown again in
/// terminals and pages where such characters inject escape sequences or disguise what is written.</summary>
/// <remarks>
/// Allowed line breaks are <c>\n</c> and <c>\r\n</c>; a carriage return on its own is refused (it moves a terminal's
/// cursor back over the line). Refused: every other C0 and C1 control (U+0000–U+001F, U+007F–U+009F, ESC and NUL
/// included), and the embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069 ("Trojan Source",
/// CVE-2021-42574). The implicit marks U+200E, U+200F and U+061C stay allowed: right-to-left writers use them, and they
/// cannot reorder a span of text.
/// </remarks>
public static class UserText
{
    /// <summary>The length of <paramref name="text"/> as a person counts it: user-perceived characters (extended grapheme
    /// clusters), so an emoji, a flag or a letter with its accents is one, not the two to seven UTF-16 units it takes.
    /// Every length limit on a person's text counts with this.</summary>
    public static int Characters(string? text) => string.IsNullOrEmpty(text) ? 0 : new StringInfo(text).LengthInTextElements;

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="field"/> and the 1-based position of the first
    /// refused character; <see langword="null"/> passes.</summary>
    /// <exception cref="ArgumentException">The text has a refused character.</exception>
    public static void Validate(string? text, string field)
    {
        if (Describe(text, field) is { } problem)
        {
            throw new ArgumentException(problem, field);
        }
    }

    /// <summary>What is wrong with <paramref name="text"/> as one sentence starting with <paramref name="field"/>, or
    /// <see langword="null"/> when it is fine.</summary>
    public static string? Describe(string? text, string field)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        if (FindRefused(text) is not { } index)
        {
            return null;
        }

        var c = text![index];
        var code = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        var position = (index + 1).ToString(CultureInfo.InvariantCulture);
        return c switch
        {
            '\r' => $"{field}: contains a carriage return (U+000D) without a newline at position {position}; only newlines (\\n or \\r\\n) and tabs are allowed.",
            _ when IsBidiControl(c) => $"{field}: contains a bidirectional-text control character (U+{code}) at position {position}; only newlines and tabs are allowed.",
            _ => $"{field}: contains a control character (U+{code}) at position {position}; only newlines and tabs are allowed.",
        };
    }

    /// <summary>The index of the first refused character, or <see langword="null"/>.</summary>
    public static int? FindRefused(string? text)
    {
        if (text is null)
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                continue;
            }

            if (IsUnsafe(c) && c is not '\n' and not '\t')
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="c"/> is a control character (any, newline and tab included) or a bidirectional-text
    /// control: what a terminal must not receive raw from stored text.</summary>
    public static bool IsUnsafe(char c) => char.IsControl(c) || IsBidiControl(c);

    /// <summary>U+202A–U+202E (embeddings and overrides) and U+2066–U+2069 (isolates).</summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
