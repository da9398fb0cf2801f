using System.Collections;
using Nexus.Agents.Security;

namespace Nexus.Agents.Testing;

/// <summary>The environment a test command gets: this process's, minus NEXUS's secrets, plus quiet, non-interactive settings.</summary>
internal static class TestEnvironment
{
    private static readonly string[] _secretPrefixes = ["ANTHROPIC_", "OPENAI_", "AZURE_", "NEXUS_", "CLAUDE_", "AWS_"];

    private static readonly string[] _secretSuffixes = ["_KEY", "_TOKEN", "_SECRET", "PASSWORD", "_PAT", "_CREDENTIALS"];

    private static readonly Dictionary<string, string> _quiet = new(StringComparer.Ordinal)
    {
        ["CI"] = "true",
        ["NO_COLOR"] = "1",
        ["FORCE_COLOR"] = "0",
        ["NODE_DISABLE_COLORS"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        ["PYTHONUNBUFFERED"] = "1",
    };

    /// <summary><see langword="true"/> for variables a test process must not see.</summary>
    public static bool IsStripped(string name) =>
        _secretPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        || _secretSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        || SecretRedactor.IsSecretVariableName(name);

    /// <summary>Overrides for <c>ProcessSpec.Environment</c>: removals for every secret present, the quiet settings, then <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> Build(IReadOnlyDictionary<string, string?> extra)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && IsStripped(name))
            {
                variables[name] = null;
            }
        }

        foreach (var (name, value) in _quiet)
        {
            variables[name] = value;
        }

        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }
}
