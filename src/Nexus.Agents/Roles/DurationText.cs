using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Roles;

/// <summary>Parses the durations of agent configuration: <c>500ms</c>, <c>90s</c>, <c>20m</c>, <c>1h30m</c>, <c>1d</c>, or <c>00:20:00</c>.</summary>
internal static partial class DurationText
{
    internal const string Examples = "a duration such as 90s, 20m, 1h30m or 00:20:00";

    internal static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value);
        }

        var match = UnitsPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        foreach (Capture capture in match.Groups["part"].Captures)
        {
            var part = PartPattern().Match(capture.Value);
            var number = double.Parse(part.Groups["number"].Value, CultureInfo.InvariantCulture);
            value += part.Groups["unit"].Value.ToUpperInvariant() switch
            {
                "MS" => TimeSpan.FromMilliseconds(number),
                "S" => TimeSpan.FromSeconds(number),
                "M" => TimeSpan.FromMinutes(number),
                "H" => TimeSpan.FromHours(number),
                _ => TimeSpan.FromDays(number),
            };
        }

        return true;
    }

    [GeneratedRegex(@"^(?:(?<part>\d+(?:\.\d+)?\s*(?:ms|s|m|h|d))\s*)+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnitsPattern();

    [GeneratedRegex(@"^(?<number>\d+(?:\.\d+)?)\s*(?<unit>ms|s|m|h|d)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();
}
