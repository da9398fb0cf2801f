using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Agents.Security;

namespace Nexus.Api.Json;

/// <summary>Writes a raw JSON payload (inputs, outputs, custom status, history data) with every string value and property
/// name passed through the redactor. Structure, numbers and literals are kept, so the result is always valid JSON; masking
/// the serialized text instead could cut through an escape or a closing quote.</summary>
internal sealed class RedactedJsonElementConverter(Func<SecretRedactor> redactor) : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(writer, value, redactor());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value, SecretRedactor redactor)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(redactor.Redact(property.Name));
                    Write(writer, property.Value, redactor);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item, redactor);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(redactor.Redact(value.GetString()));
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
