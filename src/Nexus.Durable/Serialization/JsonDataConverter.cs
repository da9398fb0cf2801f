using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Durable.Serialization;

/// <summary>The default converter: System.Text.Json with web defaults (camelCase, case-insensitive reads, enums as strings).</summary>
public sealed class JsonDataConverter : DataConverter
{
    /// <summary>The shared default instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    /// <summary>Creates a converter with <paramref name="options"/> (default: web defaults, enums as strings).</summary>
    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        Options = options ?? CreateDefaultOptions();
    }

    /// <summary>The serializer options in use.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>The default options: web defaults, enums as strings.</summary>
    public static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <inheritdoc/>
    public override string? Serialize(object? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Serialize(value, value.GetType(), Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ArgumentException($"A value of type '{value.GetType().FullName}' cannot be serialized to JSON: {e.Message}", nameof(value), e);
        }
    }

    /// <inheritdoc/>
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        if (data is null)
        {
            return targetType.IsValueType ? Activator.CreateInstance(targetType) : null;
        }

        try
        {
            return JsonSerializer.Deserialize(data, targetType, Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new FormatException($"JSON cannot be read as '{targetType.FullName}': {e.Message}", e);
        }
    }
}
