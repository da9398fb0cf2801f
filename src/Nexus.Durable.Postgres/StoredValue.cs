using System.Security.Cryptography;
using System.Text;

namespace Nexus.Durable.Postgres;

/// <summary>How a value is written: inline, or (above the payload threshold) as a SHA-256 reference to a row of
/// <c>payloads</c> that holds <see cref="Payload"/>.</summary>
internal readonly record struct StoredValue(string? Inline, byte[]? Hash, string? Payload, int Size)
{
    public static StoredValue None => default;

    /// <summary>The value as given: inline text, or the payload text when it is stored by reference.</summary>
    public string? Text => Hash is null ? Inline : Payload;

    public static StoredValue Of(string? value, int thresholdBytes)
    {
        if (value is null || value.Length <= thresholdBytes / 3)
        {
            return new StoredValue(value, null, null, 0);
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        return bytes.Length <= thresholdBytes
            ? new StoredValue(value, null, null, 0)
            : new StoredValue(null, SHA256.HashData(bytes), value, bytes.Length);
    }
}
