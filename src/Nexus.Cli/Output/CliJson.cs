using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Nexus.Cli.Output;

/// <summary>The JSON that <c>--json</c> prints: web names (camelCase), enums as strings, indented, one object per command.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static async Task WriteAsync<T>(TextWriter output, T value)
    {
        // The relaxed encoder writes bidirectional-text controls raw (control characters it escapes): as \uXXXX they are
        // the same JSON and harmless in a terminal. Outside strings JSON has only ASCII, so this touches strings only.
        await output.WriteLineAsync(TerminalText.Escape(JsonSerializer.Serialize(value, Options)));
        await output.FlushAsync();
    }

    /// <summary>A stored JSON value as a node (a value that is not JSON stays a string).</summary>
    public static JsonNode? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static JsonSerializerOptions Create()
    {
        // Relaxed escaping: this JSON goes to a terminal or a program, never into HTML, so "—" and "`" stay readable.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
