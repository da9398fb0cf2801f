using System.Globalization;
using Nexus.Durable;

namespace Nexus.Cli.Output;

/// <summary>How numbers, times and statuses read in text output (invariant culture).</summary>
internal static class Formats
{
    public static string Elapsed(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:D2}:{elapsed.Seconds:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.Minutes:D2}:{elapsed.Seconds:D2}");

    public static string Cost(decimal usd) => string.Create(CultureInfo.InvariantCulture, $"${usd:0.0000}");

    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(fraction, 0, 1) * 100:0}%");

    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"1 turn", "2 turns".</summary>
    public static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    public static string Status(OrchestrationRuntimeStatus status) => status.ToString().ToLowerInvariant();

    public static string ShortCommit(string commit) => commit.Length > 10 ? commit[..10] : commit;

    /// <summary>The first line that is not blank.</summary>
    public static string FirstLine(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;

    /// <summary>The text cut to <paramref name="max"/> characters on one line, unprintable characters escaped
    /// (<see cref="TerminalText"/>).</summary>
    public static string Clip(string? text, int max)
    {
        var line = TerminalText.EscapeLine(CommandAction.OneLine(text ?? string.Empty));
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }
}
