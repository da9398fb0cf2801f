using System.Text.RegularExpressions;

namespace Nexus.Agents.Security;

/// <summary>
/// Shapes of well-known credentials. Each pattern has a group named <c>secret</c>: only that part is masked, so labels
/// such as <c>Authorization:</c> or <c>api_key=</c> stay readable.
/// </summary>
internal static partial class SecretPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>All patterns, most specific first.</summary>
    public static IReadOnlyList<Regex> All { get; } =
    [
        PrivateKeyBlock(),
        AuthorizationHeader(),
        BearerToken(),
        OpenAiOrAnthropicKey(),
        GitHubToken(),
        AwsAccessKeyId(),
        GoogleApiKey(),
        SlackToken(),
        LabelledHexKey(),
        LabelledSecret(),
        UrlPassword(),
    ];

    [GeneratedRegex(@"(?<secret>-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|\z))", Options)]
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
