namespace Nexus.Agents.Sandboxing;

/// <summary>The allow-list of host variables every agent process and test run starts with; nothing else of the host's
/// environment reaches them.</summary>
/// <remarks>
/// The basics are the search path, the locale, the time zone and the terminal, plus the proxy and CA settings without
/// which a model provider cannot be reached behind a corporate proxy. A backend adds only its own credential; anything
/// else must be configured per agent (<c>pass_environment</c> in <c>nexus.agents.yaml</c>).
/// </remarks>
public static class AgentEnvironment
{
    /// <summary>The names of the basic variables, copied from the host when set.</summary>
    public static IReadOnlyList<string> BasicNames { get; } =
    [
        "PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "TERM",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS",
    ];

    /// <summary>The basic variables that are set in this process, by name.</summary>
    public static IReadOnlyDictionary<string, string> Basics()
    {
        var basics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in BasicNames)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                basics[name] = value;
            }
        }

        return basics;
    }
}
