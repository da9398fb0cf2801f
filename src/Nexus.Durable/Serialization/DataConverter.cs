namespace Nexus.Durable.Serialization;

/// <summary>Turns inputs, outputs, event data and entity state into JSON text and back.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes <paramref name="value"/>; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The value cannot be serialized (the message says what and why).</exception>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes <paramref name="data"/> to <paramref name="targetType"/>.</summary>
    /// <exception cref="FormatException">The text is not valid for the type.</exception>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserializes <paramref name="data"/> to <typeparamref name="T"/>.</summary>
    public T Deserialize<T>(string? data) => (T)Deserialize(data, typeof(T))!;
}
