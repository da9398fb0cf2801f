using System.Security.Cryptography;
using System.Text;

namespace Nexus.Durable.Replay;

/// <summary>Name-based (version 5, RFC 4122) GUIDs: the same name always gives the same GUID.</summary>
internal static class DeterministicGuid
{
    // A fixed namespace for NEXUS orchestration GUIDs.
    private static readonly byte[] Namespace = new Guid("9e952958-5e33-4daf-827f-2fa12937b875").ToByteArray(bigEndian: true);

    public static Guid Create(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[Namespace.Length + nameBytes.Length];
        Namespace.CopyTo(buffer, 0);
        nameBytes.CopyTo(buffer, Namespace.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not security.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
