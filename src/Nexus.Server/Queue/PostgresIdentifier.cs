using System.Text.RegularExpressions;

namespace Nexus.Server.Queue;

/// <summary>Quotes a PostgreSQL identifier (schema or channel name) after checking it is a plain name.</summary>
internal static partial class PostgresIdentifier
{
    /// <summary>Returns <c>"name"</c>; names are letters, digits and underscores, starting with a letter or underscore, ≤ 63 bytes.</summary>
    /// <exception cref="ArgumentException">The name is not a plain identifier.</exception>
    public static string Quote(string name)
    {
        if (string.IsNullOrEmpty(name) || !Plain().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid schema name: use letters, digits and underscores (at most 63, not starting with a digit).", nameof(name));
        }

        return $"\"{name}\"";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Plain();
}
