using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Nexus.Compatibility.Backends;

/// <summary>A Microsoft.DurableTask <see cref="SdkDataConverter"/> as NEXUS's engine converter, so that NEXUS's worker
/// serializes inputs, outputs and entity state exactly as a Microsoft worker configured with the same converter does.</summary>
/// <remarks>Why: NEXUS's default converter uses System.Text.Json's web defaults (camelCase), the SDK's default
/// (<see cref="Microsoft.DurableTask.Converters.JsonDataConverter.Default"/>) keeps .NET names; the suite compares
/// serialized outputs byte for byte, so every backend runs with the SDK's default.</remarks>
public sealed class SdkDataConverterAdapter(SdkDataConverter inner) : Nexus.Durable.Serialization.DataConverter
{
    private readonly SdkDataConverter _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    public override string? Serialize(object? value) => _inner.Serialize(value);

    public override object? Deserialize(string? data, Type targetType) => _inner.Deserialize(data, targetType);
}
