using System.Globalization;
using Nexus.Api.Errors;

namespace Nexus.Api.Handlers;

/// <summary>Query parameters for the handlers: a value that does not parse is a 400 naming the parameter (never ignored).</summary>
internal static class QueryValues
{
    public static string? Text(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
    }

    public static IResult? Bool(IQueryCollection query, string name, out bool? value)
    {
        value = null;
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (!bool.TryParse(text, out var parsed))
        {
            return ProblemDetailsDefaults.BadRequest($"{name}: '{Printable(text)}' is not true or false.");
        }

        value = parsed;
        return null;
    }

    public static IResult? Int(IQueryCollection query, string name, out int? value)
    {
        value = null;
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return ProblemDetailsDefaults.BadRequest($"{name}: '{Printable(text)}' is not a whole number.");
        }

        value = parsed;
        return null;
    }

    public static IResult? Time(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return ProblemDetailsDefaults.BadRequest($"{name}: '{Printable(text)}' is not a date and time (ISO 8601).");
        }

        value = parsed;
        return null;
    }

    /// <summary>At most 64 characters of caller text, control characters replaced, for a problem detail.</summary>
    public static string Printable(string text) => new([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
}
