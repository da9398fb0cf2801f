using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Workflows.Live;

namespace Nexus.Hosting.Live;

/// <summary>The text a relay carries between processes: the sending process's origin and the activity, in JSON, cut to
/// fit a PostgreSQL NOTIFY payload (under 8,000 bytes).</summary>
internal static class LiveActivityWire
{
    /// <summary>The most bytes a carried text may have (PostgreSQL's NOTIFY payload limit is 8,000, with some margin).</summary>
    public const int MaxBytes = 7_900;

    private const int MaxTextLength = 1_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The text of <paramref name="activity"/> sent by <paramref name="origin"/>; <see langword="null"/> when even
    /// cut it does not fit (it is dropped, as a full outbox drops).</summary>
    public static string? Write(string origin, LiveActivity activity)
    {
        var cut = activity with { Text = Cut(activity.Text), Target = activity.Target is null ? null : Cut(activity.Target) };
        var text = JsonSerializer.Serialize(new Envelope(origin, cut), Json);
        return System.Text.Encoding.UTF8.GetByteCount(text) <= MaxBytes ? text : null;
    }

    /// <summary>Reads a carried text; <see langword="false"/> for anything that is not one (it is skipped).</summary>
    public static bool TryRead(string text, out string origin, out LiveActivity activity)
    {
        origin = string.Empty;
        activity = null!;
        try
        {
            if (JsonSerializer.Deserialize<Envelope>(text, Json) is { Origin: { Length: > 0 } o, Activity: { } a })
            {
                origin = o;
                activity = a;
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static string Cut(string value) => value.Length <= MaxTextLength ? value : string.Concat(value.AsSpan(0, MaxTextLength - 1), "…");

    private sealed record Envelope(string Origin, LiveActivity Activity);
}
