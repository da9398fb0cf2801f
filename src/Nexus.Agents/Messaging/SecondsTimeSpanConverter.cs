using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Agents.Messaging;

/// <summary>Writes a <see cref="TimeSpan"/> as a number of seconds (fractions allowed), the way other languages' clients expect.</summary>
internal sealed class SecondsTimeSpanConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var seconds) || double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            throw new JsonException("expected a number of seconds");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round(value.TotalSeconds, 3));
}
