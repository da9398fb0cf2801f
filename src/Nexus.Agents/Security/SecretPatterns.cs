using System.Text.RegularExpressions;

namespace Nexus.Agents.Security;

/// <summary>
/// Shapes of well-known credentials. Each pattern has a group named <c>secret</c>: only that part is masked, so labels
/// such as <c>Authorization:</c> or <c>api_key=</c> stay readable.
/// </summary>
/// <remarks>
/// Two lists share these shapes. <see cref="All"/> is the redactor's: it masks text that is logged, stored or served and
/// errs on the side of masking (an <c>api_key = getKey()</c> in a log loses nothing by becoming <c>[REDACTED]</c>).
/// <c>Scanning</c> is the commit scan's (<c>SecretPatterns.Scanning.cs</c>): a hit refuses a step's commit, so
/// it must not cry wolf on ordinary code and takes only literal, credential-looking values.
/// </remarks>
internal static partial class SecretPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>All redaction patterns, most specific first.</summary>
    public static IReadOnlyList<Regex> All { get; } =
    [
        PrivateKeyBlock(),
        AuthorizationHeader(),
        BearerToken(),
        OpenAiOrAnthropicKey(),
        GitHubToken(),
        GitLabToken(),
        StripeSecretKey(),
        NpmToken(),
        AwsAccessKeyId(),
        GoogleApiKey(),
        SlackToken(),
        LabelledHexKey(),
        LabelledSecret(),
        UrlPassword(),
    ];

    /// <summary>PEM private keys (<c>RSA</c>, <c>EC</c>, <c>OPENSSH</c>, <c>ENCRYPTED</c>, plain) and PGP private key blocks,
    /// from the BEGIN line to the END line (or to the end of the text when it was cut).</summary>
    [GeneratedRegex(@"(?<secret>-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\z))", Options)]
    private static partial Regex PrivateKeyBlock();

    /// <summary><c>Authorization: Basic …</c>, <c>Proxy-Authorization: …</c>: everything after the colon up to the line end.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9-])(proxy-)?authorization[""']?\s*[:=]\s*[""']?(?<secret>[^\r\n""']+)", Options | RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\bBearer\s+(?<secret>[A-Za-z0-9\-._~+/]{8,}=*)", Options | RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    /// <summary><c>sk-…</c>, <c>sk-proj-…</c>, <c>sk-ant-api03-…</c>, <c>sk-svcacct-…</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-[A-Za-z0-9_-]{16,})", Options)]
    private static partial Regex OpenAiOrAnthropicKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}))", Options)]
    private static partial Regex GitHubToken();

    /// <summary>GitLab personal, project and group access tokens: <c>glpat-…</c>.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,})", Options)]
    private static partial Regex GitLabToken();

    /// <summary>Stripe live secret and restricted keys (<c>sk_live_…</c>, <c>rk_live_…</c>); test-mode keys are not secrets.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>[sr]k_live_[A-Za-z0-9]{20,})", Options)]
    private static partial Regex StripeSecretKey();

    /// <summary>npm access tokens: <c>npm_</c> and 36 letters or digits.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])", Options)]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<secret>(AKIA|ASIA)[0-9A-Z]{16})(?![A-Za-z0-9])", Options)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})", Options)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<secret>xox[abprs]-[A-Za-z0-9-]{10,})", Options)]
    private static partial Regex SlackToken();

    /// <summary>Azure OpenAI / Cognitive Services keys: 32 hex digits after a key-like label (<c>key1: …</c>, <c>api-key=…</c>, <c>Ocp-Apim-Subscription-Key: …</c>).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])([A-Za-z0-9]+[_-])*key[0-9]?[""']?\s*[:=]\s*[""']?(?<secret>[0-9a-fA-F]{32})(?![0-9a-fA-F])", Options | RegexOptions.IgnoreCase)]
    private static partial Regex LabelledHexKey();

    /// <summary>Quoted values run to the closing quote (spaces included). <c>api_key = …</c>, <c>"password": "…"</c>, <c>client_secret=…</c>, <c>OPENAI_API_KEY=…</c>, <c>x-api-key: …</c>.</summary>
    [GeneratedRegex(
        @"(?<![A-Za-z0-9])(api[_-]?key|apikey|secret[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|(access|auth|refresh|api|session)[_-]?token|password|passwd|pwd|secret)[""']?\s*[:=]\s*(""(?<secret>[^""\r\n]{4,})""|'(?<secret>[^'\r\n]{4,})'|(?<secret>[^\s""',;&<>]{6,}))",
        Options | RegexOptions.IgnoreCase)]
    private static partial Regex LabelledSecret();

    /// <summary>The password in <c>scheme://user:password@host</c>.</summary>
    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:(?<secret>[^\s@/]{3,})@", Options | RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();
}
