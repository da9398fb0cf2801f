using System.Security.Cryptography;
using System.Text;

namespace Nexus.Agents.Tests.Security;

/// <summary>
/// Credential-shaped values made up at run time from a seed: deterministic, never real, and never written into this
/// repository as literals (so no scanner, ours included, trips over the test sources).
/// </summary>
internal static class FakeSecrets
{
    /// <summary>Letters and digits, mixed.</summary>
    public static string Alnum(int length, string seed) => Take(length, seed, c => char.IsAsciiLetterOrDigit(c), Convert.ToBase64String);

    /// <summary>Upper-case letters and digits (an AWS key id's alphabet).</summary>
    public static string Upper(int length, string seed) => Take(length, seed, _ => true, Convert.ToHexString);

    public static string Hex(int length, string seed) => Take(length, seed, _ => true, Convert.ToHexString);

    public static string Digits(int length, string seed) => Take(length, seed, char.IsAsciiDigit, Convert.ToHexString);

    /// <summary>Four 64-character base64 lines, like the body of a PEM key.</summary>
    public static string PrivateKeyBody(string seed) =>
        string.Join('\n', Enumerable.Range(0, 4).Select(i => Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes($"{seed}/{i}")))[..64]));

    private static string Take(int length, string seed, Func<char, bool> keep, Func<byte[], string> encode)
    {
        var text = new StringBuilder();
        for (var round = 0; text.Length < length; round++)
        {
            text.Append(encode(SHA512.HashData(Encoding.UTF8.GetBytes($"{seed}#{round}"))).Where(keep).ToArray());
        }

        return text.ToString(0, length);
    }
}
