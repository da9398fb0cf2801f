namespace Nexus.Agents.Security;

/// <summary>Where the commit scan found a secret, and what kind: never the value.</summary>
/// <param name="File">The workspace-relative path, itself redacted (a file may be named after a key).</param>
/// <param name="Line">The line in the new file, from 1; <see langword="null"/> when the finding is about the file as a
/// whole (its name holds a secret, or it holds more text than the scan reads).</param>
/// <param name="Kind">The kind of secret (<c>private key block</c>, <c>configured secret (value of OPENAI_API_KEY)</c>), or,
/// without a line, what is wrong with the file.</param>
public sealed record SecretFinding(string File, int? Line, string Kind)
{
    /// <summary><c>leak.txt line 3 holds a private key block</c>; <c>key.txt: its name holds a GitHub token</c>.</summary>
    public override string ToString() => Line is { } line ? $"{File} line {line} holds {WithArticle(Kind)}" : $"{File}: {Kind}";

    /// <summary><c>a private key block</c>, <c>an AWS access key id</c>, <c>an npm token</c>.</summary>
    internal static string WithArticle(string kind) =>
        ("aeiouAEIOU".Contains(kind[0], StringComparison.Ordinal) || kind.StartsWith("npm", StringComparison.Ordinal) ? "an " : "a ") + kind;
}
