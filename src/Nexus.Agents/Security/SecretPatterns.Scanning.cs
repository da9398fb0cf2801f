using System.Text.RegularExpressions;

namespace Nexus.Agents.Security;

/// <summary>The commit scan's shapes: literal credentials in added lines of code, config and text.</summary>
/// <remarks>
/// Where a redaction pattern is too eager for committed code, the scan uses a stricter one and says why. The rule of
/// thumb: redaction may mask a variable reference in a log line at no cost; the scan refuses a whole step, so it takes
/// only values that are literal and look generated (see <see cref="CredentialShape"/>).
/// </remarks>
internal static partial class SecretPatterns
{
    private const string SecretLabels =
        @"api[_-]?key|secret[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|(access|auth|refresh|api|session|bearer)[_-]?token|password|passwd|pwd|secret";

    /// <summary>The scan's patterns, most specific first: when several match one line, the first names it.</summary>
    public static IReadOnlyList<SecretPattern> Scanning { get; } =
    [
        Fixed("private key block", ScanPrivateKeyBlock(), _ => true),
        Fixed("OpenAI/Anthropic API key", OpenAiOrAnthropicKey(), secret => CredentialShape.IsGeneratedToken(secret, 20)),
        Fixed("GitHub token", GitHubToken(), secret => CredentialShape.IsGeneratedToken(secret)),
        Fixed("GitLab token", GitLabToken(), secret => CredentialShape.IsGeneratedToken(secret)),
        Fixed("Stripe secret key", StripeSecretKey(), secret => CredentialShape.IsGeneratedToken(secret)),
        Fixed("npm token", NpmToken(), secret => CredentialShape.IsGeneratedToken(secret)),

        // AWS documents its examples with ids ending in EXAMPLE (AKIAIOSFODNN7EXAMPLE); they are not keys.
        Fixed("AWS access key id", AwsAccessKeyId(), secret => !secret.EndsWith("EXAMPLE", StringComparison.Ordinal) && CredentialShape.IsGeneratedToken(secret)),
        Fixed("Google API key", GoogleApiKey(), secret => CredentialShape.IsGeneratedToken(secret)),
        Fixed("Slack token", SlackToken(), secret => CredentialShape.IsGeneratedToken(secret)),
        Fixed("bearer token", ScanBearerToken(), secret => CredentialShape.IsGeneratedToken(secret, 20)),
        Fixed("Authorization header", ScanAuthorizationHeader(), secret => CredentialShape.IsGeneratedToken(secret)),
        Fixed("API key (32 hex digits)", ScanLabelledHexKey(), secret => CredentialShape.IsGeneratedToken(secret)),
        Fixed("password in a connection string", ConnectionStringPassword(), secret => CredentialShape.IsPlainPassword(secret)),
        new("password in a URL", ScanUrlPassword(), match =>
            CredentialShape.IsPlainPassword(match.Groups["secret"].Value, match.Groups["user"].Value) ? "password in a URL" : null),
        new("password assignment", LabelledLiteral(), match => LabelledKind(match, CredentialShape.IsLabelledLiteral)),
        new("password assignment", LabelledAssignmentLine(), match => LabelledKind(match, CredentialShape.IsBareLiteral)),
    ];

    private static SecretPattern Fixed(string kind, Regex regex, Func<string, bool> accept) =>
        new(kind, regex, match => accept(match.Groups["secret"].Value) ? kind : null);

    /// <summary><c>password assignment</c> for password labels, <c>secret assignment (api_key)</c> for the others.</summary>
    private static string? LabelledKind(Match match, Func<string, bool> accept)
    {
        if (!accept(match.Groups["secret"].Value))
        {
            return null;
        }

        var label = match.Groups["label"].Value;
        return label.StartsWith("pass", StringComparison.OrdinalIgnoreCase) || label.Equals("pwd", StringComparison.OrdinalIgnoreCase)
            ? "password assignment"
            : $"secret assignment ({label})";
    }

    /// <summary>
    /// A BEGIN line followed (within a few header lines, also through <c>\n</c> escapes in a string literal) by key
    /// material. Stricter than the redaction pattern: code that merely names the marker
    /// (<c>pem.StartsWith("-----BEGIN RSA PRIVATE KEY-----")</c>) holds no key.
    /// </summary>
    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----(?<secret>[\s\S]{0,200}?[A-Za-z0-9+/]{40})", Options)]
    private static partial Regex ScanPrivateKeyBlock();

    /// <summary>Stricter than redaction (8 characters): <c>Bearer authentication</c> in prose is no token, so at least 20
    /// token characters; <c>Bearer ${token}</c> never matches.</summary>
    [GeneratedRegex(@"\bBearer\s+(?<secret>[A-Za-z0-9\-._~+/]{20,}=*)", Options | RegexOptions.IgnoreCase)]
    private static partial Regex ScanBearerToken();

    /// <summary>
    /// Stricter than redaction, which masks whatever follows <c>Authorization:</c> up to the line end: in code that is
    /// mostly an expression (<c>headers.Authorization = "Bearer " + token</c>, <c>authorization: string</c>). The scan
    /// wants a literal credential after the optional scheme.
    /// </summary>
    [GeneratedRegex(
        @"(?<![A-Za-z0-9-])(proxy-)?authorization[""'`]?\s*[:=]\s*[""'`]?((basic|bearer|token|digest)\s+)?(?<secret>[A-Za-z0-9+/._~-]{16,}=*)(?![A-Za-z0-9+/._~=$-])",
        Options | RegexOptions.IgnoreCase)]
    private static partial Regex ScanAuthorizationHeader();

    /// <summary>Stricter than redaction, which takes any label ending in <c>key</c>: <c>cache_key: &lt;md5&gt;</c> and
    /// <c>etag_key</c> hold digests, not credentials. The scan takes credential labels only.</summary>
    [GeneratedRegex(
        @"(?<![A-Za-z0-9])(([A-Za-z0-9]+[_-])*(api|openai|azure|subscription|access|secret|account|master|primary|secondary|auth|client|private|service)[_-]?key[0-9]?|key[12])[""']?\s*[:=]\s*[""']?(?<secret>[0-9a-fA-F]{32})(?![0-9a-fA-F])",
        Options | RegexOptions.IgnoreCase)]
    private static partial Regex ScanLabelledHexKey();

    /// <summary><c>Host=db;Username=app;Password=…;</c>: a password after a semicolon of a connection string, or at the start
    /// of one (after a quote, a space or a line start) with a semicolon after it. Minified code such as
    /// <c>e.password=t.pw,…;</c> is neither.</summary>
    [GeneratedRegex(
        @"(?<=(^|[""'\s])[ \t]*)(password|pwd)[ \t]*=[ \t]*(?<secret>[^;""'\s]+)(?=;)|(?<=;[ \t]*)(password|pwd)[ \t]*=[ \t]*(?<secret>[^;""'\s]+)",
        Options | RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();

    /// <summary>The password in <c>scheme://user:password@host</c>, with the user name so that <c>postgres:postgres</c>
    /// (a local default) is told apart; quotes end the URL, so a template such as <c>:${DB_PASSWORD}@</c> is checked whole.</summary>
    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://(?<user>[^\s:/@""'`]*):(?<secret>[^\s@/""'`]+)@", Options | RegexOptions.IgnoreCase)]
    private static partial Regex ScanUrlPassword();

    /// <summary>
    /// A quoted literal given to a secret label: <c>api_key = "…"</c>, <c>"password": "…"</c>, <c>SECRET_KEY = '…'</c>.
    /// Stricter than redaction, which also masks unquoted values anywhere: in code those are expressions
    /// (<c>password = input("Password: ")</c>, <c>const apiKey = process.env.API_KEY</c>, <c>secret = os.environ["SECRET"]</c>).
    /// </summary>
    [GeneratedRegex(
        @"(?<![A-Za-z0-9])(?<label>" + SecretLabels + @")[""'`]?[ \t]*(:=|=>|:|=)[ \t]*(""(?<secret>[^""\r\n]*)""|'(?<secret>[^'\r\n]*)'|`(?<secret>[^`\r\n]*)`)",
        Options | RegexOptions.IgnoreCase)]
    private static partial Regex LabelledLiteral();

    /// <summary>
    /// An unquoted value on a line that is nothing but an assignment, as in <c>.env</c>, YAML, INI and properties files:
    /// <c>OPENAI_API_KEY=…</c>, <c>export DB_PASSWORD=…</c>, <c>  password: …</c>. Code lines (<c>const apiKey = …</c>) do not
    /// qualify: something other than a name stands before the label.
    /// </summary>
    [GeneratedRegex(
        @"^[ \t]*(export[ \t]+|-[ \t]+)?[A-Za-z0-9_.-]*?(?<![A-Za-z0-9])(?<label>" + SecretLabels + @")[ \t]*[:=][ \t]*(?<secret>[^\s""'`,;#]+)[ \t]*(#.*)?$",
        Options | RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex LabelledAssignmentLine();
}
