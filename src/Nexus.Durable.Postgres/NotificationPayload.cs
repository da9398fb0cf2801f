using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nexus.Durable.Postgres;

/// <summary>The text of a NOTIFY on a schema's channel: <c>1;{store id};{work kind bits};{JSON array of instance ids | *}</c>.
/// The store id lets a store ignore its own notifications (it wakes its own waiters in-process); <c>*</c> means "any
/// instance may have changed". Payloads stay under PostgreSQL's 8,000-byte limit: many ids are split across several.</summary>
internal static class NotificationPayload
{
    private const int MaxBytes = 7_000;

    public static List<string> Encode(string storeId, int kinds, IReadOnlyCollection<string> instanceIds, bool allInstances)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"1;{storeId};{kinds};");
        if (allInstances)
        {
            return [prefix + "*"];
        }

        var payloads = new List<string>();
        var chunk = new List<string>();
        var bytes = 0;
        foreach (var id in instanceIds)
        {
            var size = Encoding.UTF8.GetByteCount(id) + 3;
            if (chunk.Count > 0 && bytes + size > MaxBytes)
            {
                payloads.Add(Chunk(prefix, chunk));
                chunk.Clear();
                bytes = 0;
                prefix = string.Create(CultureInfo.InvariantCulture, $"1;{storeId};0;"); // the kinds travel once
            }

            chunk.Add(id);
            bytes += size;
        }

        payloads.Add(Chunk(prefix, chunk));
        return payloads;
    }

    /// <summary>Reads a payload; <see langword="false"/> when it is not one of ours.</summary>
    public static bool TryDecode(string payload, out string storeId, out int kinds, out string[]? instanceIds)
    {
        storeId = string.Empty;
        kinds = 0;
        instanceIds = null;
        var parts = payload.Split(';', 4);
        if (parts.Length != 4 || parts[0] != "1" || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out kinds))
        {
            return false;
        }

        storeId = parts[1];
        if (parts[3] == "*")
        {
            return true; // every instance
        }

        try
        {
            instanceIds = JsonSerializer.Deserialize(parts[3], PostgresJsonContext.Default.StringArray) ?? [];
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Chunk(string prefix, List<string> ids)
    {
        var json = JsonSerializer.Serialize(ids.ToArray(), PostgresJsonContext.Default.StringArray);
        return Encoding.UTF8.GetByteCount(json) + prefix.Length <= 7_900 ? prefix + json : prefix + "*"; // escaping blew it up
    }
}
