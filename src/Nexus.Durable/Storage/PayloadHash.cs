using System.Security.Cryptography;
using System.Text;

namespace Nexus.Durable.Storage;

/// <summary>Content hashes for large values stored once and referenced.</summary>
public static class PayloadHash
{
    /// <summary>The marker that starts a stored reference (never valid JSON, so it cannot collide with a value).</summary>
    public const string ReferencePrefix = "\u0001ref:";

    /// <summary>The SHA-256 of the UTF-8 bytes, lower-case hex.</summary>
    public static string Compute(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>The reference text stored in place of a large value.</summary>
    public static string ToReference(string hash) => ReferencePrefix + hash;

    /// <summary>Whether <paramref name="stored"/> is a reference; gives the hash.</summary>
    public static bool TryParseReference(string? stored, out string hash)
    {
        if (stored is not null && stored.StartsWith(ReferencePrefix, StringComparison.Ordinal))
        {
            hash = stored[ReferencePrefix.Length..];
            return true;
        }

        hash = string.Empty;
        return false;
    }
}
