namespace Nexus.Agents.Testing;

/// <summary>The variables a test command gets on top of the allow-listed basics: quiet, non-interactive settings, then the
/// caller's own. Nothing else of this process's environment (keys, tokens, passwords) reaches a test run.</summary>
internal static class TestEnvironment
{
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

    /// <summary>Variables for <c>ProcessSpec.Environment</c> (with <c>InheritEnvironment</c> off): the quiet settings, then <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> Build(IReadOnlyDictionary<string, string?> extra)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
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
