using System.Collections;
using System.Text.RegularExpressions;

namespace Nexus.Agents.Security;

/// <summary>Masks secrets in text before it is logged, stored or shown: configured secret values and well-known credential shapes.</summary>
/// <remarks>
/// Two layers: the exact values the redactor was built with (the values of configured secret variables), and patterns
/// for credentials that may arrive from elsewhere (OpenAI/Anthropic <c>sk-…</c> keys, GitHub <c>ghp_…</c>/<c>github_pat_…</c>,
/// AWS <c>AKIA…</c>, <c>Bearer</c> tokens, <c>Authorization:</c> headers, 32-hex Azure keys after a key label,
/// <c>api_key=…</c>/<c>password: …</c> assignments, private key blocks, URL passwords). Labels stay readable; only the
/// secret becomes <see cref="Mask"/>. Hex digests on their own (commit ids) are left alone. Instances are immutable and thread-safe.
/// </remarks>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    /// <summary>Values shorter than this are not masked by value: masking <c>abc</c> everywhere would destroy normal text.</summary>
    public const int MinimumValueLength = 4;

    /// <summary>Values of environment variables shorter than this are not treated as secrets by <see cref="FromEnvironment"/>.</summary>
    public const int MinimumEnvironmentValueLength = 8;

    private static readonly string[] _knownSecretVariables =
    [
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "AZURE_CLIENT_SECRET",
        "NEXUS_API_KEY", "GITHUB_TOKEN", "GH_TOKEN", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "PGPASSWORD",
        "NEXUS_POSTGRES_CONNECTION_STRING", "AZURE_STORAGE_CONNECTION_STRING", "AzureWebJobsStorage",
    ];

    private static readonly string[] _secretNameSuffixes = ["_KEY", "_TOKEN", "_SECRET", "PASSWORD", "_APIKEY", "_PAT"];

    private readonly Regex? _values;

    /// <summary>Creates a redactor that masks each of <paramref name="secretValues"/> (values shorter than <see cref="MinimumValueLength"/> are ignored) and the well-known patterns.</summary>
    public SecretRedactor(IEnumerable<string> secretValues)
        : this(Unnamed(secretValues))
    {
    }

    private SecretRedactor(IEnumerable<KeyValuePair<string?, string>> namedValues)
    {
        NamedValues = [.. namedValues
            .Where(pair => !string.IsNullOrWhiteSpace(pair.Value) && pair.Value.Trim().Length >= MinimumValueLength)
            .DistinctBy(pair => pair.Value, StringComparer.Ordinal)];
        var values = NamedValues
            .Select(pair => pair.Value)
            .OrderByDescending(value => value.Length)
            .Select(Regex.Escape)
            .ToList();
        if (values.Count > 0)
        {
            _values = new Regex(string.Join('|', values), RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
    }

    /// <summary>The configured values, each with the name it came under (the variable, or the host's label for it), or
    /// <see langword="null"/> when it was given without one. For the commit scan, which reports names, never values.</summary>
    internal IReadOnlyList<KeyValuePair<string?, string>> NamedValues { get; }

    /// <summary>A redactor with no configured values: patterns only.</summary>
    public static SecretRedactor PatternsOnly { get; } = new(Array.Empty<string>());

    /// <summary>
    /// Creates a redactor for the secrets in this process's environment: the values of <c>ANTHROPIC_API_KEY</c>,
    /// <c>OPENAI_API_KEY</c>, <c>AZURE_OPENAI_API_KEY</c>, <c>NEXUS_API_KEY</c>, <c>ANTHROPIC_AUTH_TOKEN</c>, <c>GITHUB_TOKEN</c>, …,
    /// of every variable whose name <see cref="IsSecretVariableName">looks secret</see>, and of <paramref name="extraVariableNames"/>;
    /// values shorter than <see cref="MinimumEnvironmentValueLength"/> are ignored.
    /// </summary>
    public static SecretRedactor FromEnvironment(IEnumerable<string>? extraVariableNames = null)
    {
        var extra = new HashSet<string>(extraVariableNames ?? [], StringComparer.OrdinalIgnoreCase);
        var values = new List<KeyValuePair<string?, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value
                && value.Length >= MinimumEnvironmentValueLength
                && (extra.Contains(name) || IsSecretVariableName(name)))
            {
                values.Add(new(name, value));
            }
        }

        return new SecretRedactor(values.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    /// <summary>
    /// A redactor that masks what this one masks and also each of <paramref name="namedValues"/> (name → value; the name,
    /// such as <c>NEXUS_API_KEY</c> or <c>the host's API key</c>, is what the commit scan reports instead of the value).
    /// </summary>
    public SecretRedactor With(IEnumerable<KeyValuePair<string, string>> namedValues)
    {
        ArgumentNullException.ThrowIfNull(namedValues);
        return new SecretRedactor(NamedValues.Concat(namedValues.Select(pair => new KeyValuePair<string?, string>(pair.Key, pair.Value))));
    }

    /// <summary>
    /// <see langword="true"/> for the well-known secret variables and for names ending in <c>_KEY</c>, <c>_TOKEN</c>,
    /// <c>_SECRET</c> or <c>PASSWORD</c> (case-insensitive).
    /// </summary>
    public static bool IsSecretVariableName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _knownSecretVariables.Contains(name, StringComparer.OrdinalIgnoreCase)
            || _secretNameSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Returns <paramref name="text"/> with every secret replaced by <see cref="Mask"/>; <see langword="null"/> becomes empty.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = _values is null ? text : _values.Replace(text, Mask);
        foreach (var pattern in SecretPatterns.All)
        {
            result = pattern.Replace(result, MaskSecretGroup);
        }

        return result;
    }

    private static IEnumerable<KeyValuePair<string?, string>> Unnamed(IEnumerable<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(secretValues);
        return secretValues.Select(value => new KeyValuePair<string?, string>(null, value));
    }

    private static string MaskSecretGroup(Match match)
    {
        var secret = match.Groups["secret"];
        if (!secret.Success || secret.Value == Mask)
        {
            return match.Value;
        }

        var start = secret.Index - match.Index;
        return string.Concat(match.ValueSpan[..start], Mask, match.ValueSpan[(start + secret.Length)..]);
    }
}
