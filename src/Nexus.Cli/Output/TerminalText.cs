using System.Globalization;
using System.Text;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Output;

/// <summary>Stored text as a terminal may receive it: control characters and bidirectional-text controls (the ones
/// <see cref="UserText"/> refuses at every entrance) become visible escapes such as <c>\u001b</c>, so text stored before
/// that check, or through the engine directly, can neither inject escape sequences nor disguise what is shown.</summary>
/// <remarks>Newlines and tabs stay (a <c>\r\n</c> becomes <c>\n</c>); a backslash stays as it is, so an escape in the
/// output is not proof of a control character in the store, only a sign to look at the JSON output.</remarks>
internal static class TerminalText
{
    /// <summary><paramref name="text"/> with every unsafe character written as <c>\uXXXX</c>; newlines and tabs kept.</summary>
    public static string Escape(string? text) => Escape(text, keepNewlines: true);

    /// <summary>As <see cref="Escape(string?)"/>, with newlines escaped too: for a value that must stay on its line.</summary>
    public static string EscapeLine(string? text) => Escape(text, keepNewlines: false);

    private static string Escape(string? text, bool keepNewlines)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(c => UserText.IsUnsafe(c) && c != '\t' && !(keepNewlines && c == '\n')))
        {
            return text ?? string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (keepNewlines && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue; // the \n that follows is kept
            }

            if (c == '\t' || (keepNewlines && c == '\n') || !UserText.IsUnsafe(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
