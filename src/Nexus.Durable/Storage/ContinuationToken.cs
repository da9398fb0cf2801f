using System.Globalization;
using System.Text;

namespace Nexus.Durable.Storage;

/// <summary>The paging token of instance queries: the sort key (<see cref="Key"/>) and the instance id of the last row of a
/// page. The key is the row's value of the query's <see cref="InstanceOrder"/>, so a token continues in the order of the
/// query that made it.</summary>
public static class ContinuationToken
{
    /// <summary>Makes the token that continues after <paramref name="last"/> in <paramref name="order"/>.</summary>
    public static string Create(InstanceRecord last, InstanceOrder order = InstanceOrder.CreatedTime)
    {
        ArgumentNullException.ThrowIfNull(last);
        var raw = Key(last, order).ToString(CultureInfo.InvariantCulture) + "|" + last.InstanceId;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token; <see langword="null"/> for none.</summary>
    /// <exception cref="ArgumentException">The token is malformed.</exception>
    public static (long Key, string InstanceId)? Parse(string? token)
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

    /// <summary>A row's sort key in <paramref name="order"/>: UTC ticks of a time, the status number, or 0 when the id
    /// alone orders.</summary>
    public static long Key(InstanceRecord record, InstanceOrder order)
    {
        ArgumentNullException.ThrowIfNull(record);
        return order switch
        {
            InstanceOrder.CreatedTime => record.CreatedTime.UtcTicks,
            InstanceOrder.LastUpdatedTime => record.LastUpdatedTime.UtcTicks,
            InstanceOrder.RuntimeStatus => (long)record.RuntimeStatus,
            InstanceOrder.InstanceId => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Not an instance order."),
        };
    }

    /// <summary>Whether <paramref name="record"/> sorts after the token's position in <paramref name="order"/>, ascending.</summary>
    public static bool IsAfter(InstanceRecord record, (long Key, string InstanceId) token, InstanceOrder order = InstanceOrder.CreatedTime) =>
        Compare(record, token, order) > 0;

    /// <summary>Whether <paramref name="record"/> sorts before the token's position in <paramref name="order"/>, ascending
    /// (so after it, descending).</summary>
    public static bool IsBefore(InstanceRecord record, (long Key, string InstanceId) token, InstanceOrder order = InstanceOrder.CreatedTime) =>
        Compare(record, token, order) < 0;

    private static int Compare(InstanceRecord record, (long Key, string InstanceId) token, InstanceOrder order)
    {
        var key = Key(record, order).CompareTo(token.Key);
        return key != 0 ? key : string.CompareOrdinal(record.InstanceId, token.InstanceId);
    }
}
