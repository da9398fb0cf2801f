using Nexus.Durable.Serialization;

namespace Nexus.Durable.Sdk;

/// <summary>The SDK's serialization seam over NEXUS's converter: one set of JSON rules for the engine, its client and
/// the SDK's orchestrations, activities and entities.</summary>
/// <remarks>The rules live in <see cref="JsonDataConverter"/> (web defaults, enums as strings, <see langword="null"/>
/// read as a value type's default, failures as <see cref="ArgumentException"/>/<see cref="FormatException"/> naming the
/// type). The worker (<see cref="SdkRunners"/>) and the client (<see cref="Client.NexusDurableTaskClient.DefaultDataConverter"/>)
/// both go through this adapter, so a value written by one is read the same way by the other.</remarks>
internal sealed class SdkDataConverter(DataConverter inner) : Microsoft.DurableTask.DataConverter
{
    /// <summary>The adapter over <see cref="JsonDataConverter.Default"/>: the worker's and the client's default.</summary>
    public static SdkDataConverter Default { get; } = new(JsonDataConverter.Default);

    /// <summary>The engine's converter as it is seen through the SDK's seam.</summary>
    public DataConverter Inner { get; } = inner;

    /// <summary>The adapter over <paramref name="converter"/> (<see cref="Default"/> for the default converter).</summary>
    public static SdkDataConverter For(DataConverter converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        return ReferenceEquals(converter, JsonDataConverter.Default) ? Default : new SdkDataConverter(converter);
    }

    public override string? Serialize(object? value) => Inner.Serialize(value);

    public override object? Deserialize(string? data, Type targetType) => Inner.Deserialize(data, targetType);
}
