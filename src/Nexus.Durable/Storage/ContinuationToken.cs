using System.Globalization;
using System.Text;

namespace Nexus.Durable.Storage;

/// <summary>The paging token of instance queries: the (created time, instance id) of the last row of a page.</summary>
public static class ContinuationToken
{
    /// <summary>Makes the token that continues after <paramref name="last"/>.</summary>
    public static string Create(InstanceRecord last)
    {
        ArgumentNullException.ThrowIfNull(last);
        var raw = last.CreatedTime.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + last.InstanceId;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token; <see langword="null"/> for none.</summary>
    /// <exception cref="ArgumentException">The token is malformed.</exception>
    public static (long CreatedTicks, string InstanceId)? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var raw = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var bar = raw.IndexOf('|', StringComparison.Ordinal);
            return (long.Parse(raw[..bar], NumberStyles.None, CultureInfo.InvariantCulture), raw[(bar + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), e);
        }
    }

    /// <summary>Whether <paramref name="record"/> sorts after the token's position (oldest first).</summary>
    public static bool IsAfter(InstanceRecord record, (long CreatedTicks, string InstanceId) token)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ticks = record.CreatedTime.UtcTicks;
        return ticks > token.CreatedTicks
            || (ticks == token.CreatedTicks && string.CompareOrdinal(record.InstanceId, token.InstanceId) > 0);
    }

    /// <summary>Whether <paramref name="record"/> sorts before the token's position (oldest first), i.e. after it newest first.</summary>
    public static bool IsBefore(InstanceRecord record, (long CreatedTicks, string InstanceId) token)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ticks = record.CreatedTime.UtcTicks;
        return ticks < token.CreatedTicks
            || (ticks == token.CreatedTicks && string.CompareOrdinal(record.InstanceId, token.InstanceId) < 0);
    }
}
