using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Agents.Security;

namespace Nexus.Api.Json;

/// <summary>Writes every string through the redactor; reads strings as the default converter does.</summary>
internal sealed class RedactedStringConverter(Func<SecretRedactor> redactor) : JsonConverter<string>
{
    private static readonly JsonConverter<string> Default = (JsonConverter<string>)JsonSerializerOptions.Default.GetConverter(typeof(string));

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Default.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(redactor().Redact(value));
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Default.ReadAsPropertyName(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(redactor().Redact(value));
    }
}
