namespace Nexus.Durable.Sdk;

/// <summary>The SDK's serialization seam over NEXUS's converter: one set of JSON rules for the engine, its client and
/// the SDK's orchestrations, activities and entities.</summary>
internal sealed class SdkDataConverter(Serialization.DataConverter inner) : Microsoft.DurableTask.DataConverter
{
    public override string? Serialize(object? value) => inner.Serialize(value);

    public override object? Deserialize(string? data, Type targetType) => inner.Deserialize(data, targetType);
}
