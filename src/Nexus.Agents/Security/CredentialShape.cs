namespace Nexus.Agents.Security;

/// <summary>Whether a candidate value looks like a real credential rather than a placeholder, a template or code.</summary>
/// <remarks>
/// The commit scan refuses a step's work, so these rules lean towards "not a secret": a value must be literal (no
/// <c>${…}</c>, <c>{{…}}</c>, <c>%s</c>, <c>$VAR</c>), must not announce itself as a stand-in (<c>your-key-here</c>,
/// <c>xxxx</c>, <c>example</c>, <c>changeme</c>, <c>django-insecure-…</c>), and, for the generic shapes, must mix
/// letters and digits, as generated keys do and words, names and identifiers mostly do not.
/// </remarks>
internal static class CredentialShape
{
    private static readonly string[] _placeholderMarks =
    [
        "xxxx", "****", "....", "…", "example", "placeholder", "your", "changeme", "change_me", "change-me",
        "dummy", "redacted", "insecure", "replace", "<", ">",
    ];

    private static readonly string[] _plainPlaceholders = ["password", "passwd", "pass", "pwd", "secret", "user", "username", "test", "****"];

    private static readonly System.Buffers.SearchValues<char> _codeCharacters = System.Buffers.SearchValues.Create("()[]{}$<>");

    private static readonly string[] _templateMarks = ["${", "{{", "}}", "$(", "%s", "%(", "{0}", "#{"];

    /// <summary>A generated token: at least <paramref name="minimumLength"/> characters, letters and digits mixed, at
    /// least six different characters, and neither a placeholder nor a template.</summary>
    public static bool IsGeneratedToken(string value, int minimumLength = 16) =>
        value.Length >= minimumLength
        && value.Any(char.IsAsciiDigit)
        && value.Any(char.IsAsciiLetter)
        && value.Distinct().Count() >= 6
        && !IsPlaceholder(value)
        && !IsTemplate(value);

    /// <summary>A literal value given to a secret-looking label: at least 8 characters, no spaces (a quoted sentence is
    /// prose, not a key), letters and digits mixed, not a placeholder or template.</summary>
    public static bool IsLabelledLiteral(string value) =>
        value.Length >= 8
        && !value.Any(char.IsWhiteSpace)
        && !IsFilePath(value)
        && IsGeneratedToken(value, minimumLength: 8);

    /// <summary>A file path (<c>/tmp/x/y</c>, <c>~/a/b</c>, <c>./a/b</c>, <c>../a/b</c>): the shell's <c>PWD=/tmp/run-3f9a/…</c>
    /// is a working directory, not a password, however random its folder names look.</summary>
    private static bool IsFilePath(string value) =>
        (value.StartsWith('/') || value.StartsWith("~/", StringComparison.Ordinal) || value.StartsWith("./", StringComparison.Ordinal)
            || value.StartsWith("../", StringComparison.Ordinal))
        && value.Count(c => c == '/') >= 2;

    /// <summary>An unquoted value on a <c>NAME=value</c> line: a literal as <see cref="IsLabelledLiteral"/>, and not code
    /// (a call, an index, a dotted member access such as <c>process.env.API_KEY</c> or <c>config.key2</c>).</summary>
    public static bool IsBareLiteral(string value) =>
        IsLabelledLiteral(value)
        && value.AsSpan().IndexOfAny(_codeCharacters) < 0
        && !IsMemberAccess(value);

    /// <summary>A password given as a plain value (connection strings, URLs): 4 characters or more, literal, not code
    /// (<c>e.cwd()</c>, <c>t.pw,e.k</c>), not a placeholder, and not the user name repeated (<c>postgres:postgres</c> is a
    /// local default, not a secret).</summary>
    public static bool IsPlainPassword(string value, string? user = null) =>
        value.Length >= 4
        && !value.Any(char.IsWhiteSpace)
        && value.AsSpan().IndexOfAny(_codeCharacters) < 0
        && !value.Contains(',', StringComparison.Ordinal)
        && !IsMemberAccess(value)
        && !IsPlaceholder(value)
        && !IsTemplate(value)
        && value[0] is not ('$' or '{' or '%')
        && !string.Equals(value, user, StringComparison.OrdinalIgnoreCase)
        && !_plainPlaceholders.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static bool IsPlaceholder(string value) => _placeholderMarks.Any(mark => value.Contains(mark, StringComparison.OrdinalIgnoreCase));

    private static bool IsTemplate(string value) => value[0] == '$' || _templateMarks.Any(mark => value.Contains(mark, StringComparison.Ordinal));

    /// <summary><c>a.b</c>, <c>process.env.API_KEY</c>: identifiers joined by dots.</summary>
    private static bool IsMemberAccess(string value)
    {
        var parts = value.Split('.');
        return parts.Length > 1 && parts.All(p => p.Length > 0 && (char.IsAsciiLetter(p[0]) || p[0] == '_') && p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
    }
}
