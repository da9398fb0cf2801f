namespace Nexus.Cli.Setup;

/// <summary>Decides which provider a run uses, before anything starts, so a run that cannot work fails fast and says how to fix it.</summary>
/// <remarks>
/// Without <c>--provider</c>: the agents' configured backends when none of them is <c>claude</c> (a configuration file sent
/// them elsewhere) or when <c>claude</c> is installed, else the first provider whose credentials are in the environment
/// (OpenAI, Anthropic, Azure OpenAI). With <c>--provider</c>: that one,
/// when what it needs is there. Only the presence of variables is checked; their values are never read out.
/// </remarks>
internal sealed class ProviderResolver(Func<string, string?> environment, ClaudeLocator claude)
{
    public static ProviderResolver ForThisProcess() => new(Environment.GetEnvironmentVariable, ClaudeLocator.ForThisProcess());

    /// <summary>The selection, or <see cref="ProviderNotConfiguredException"/> with what is missing.</summary>
    /// <param name="requested">The <c>--provider</c>, if given.</param>
    /// <param name="configuredBackends">The backends the configured agents use; <see langword="null"/>: the built-ins' (claude).</param>
    public ProviderSelection Resolve(string? requested, IReadOnlyCollection<string>? configuredBackends = null)
    {
        switch (requested)
        {
            case null when configuredBackends is not null && !configuredBackends.Contains(Providers.Claude, StringComparer.OrdinalIgnoreCase):
                return new ProviderSelection(null, "the agents' configured backends");
            case null:
                return ResolveDefault();
            case Providers.Claude:
                var location = claude.Locate();
                return location.Found
                    ? new ProviderSelection(Providers.Claude, $"claude at {location.Path}")
                    : throw new ProviderNotConfiguredException($"--provider claude: the Claude Code CLI was not found ({location.Source}).");
            case Providers.OpenAI:
                return Require(Providers.OpenAI, "OPENAI_API_KEY");
            case Providers.Anthropic:
                return Has("ANTHROPIC_API_KEY") || Has("ANTHROPIC_AUTH_TOKEN")
                    ? new ProviderSelection(Providers.Anthropic, "--provider anthropic")
                    : throw new ProviderNotConfiguredException("--provider anthropic needs ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) in the environment.");
            case Providers.AzureOpenAI:
                return Require(Providers.AzureOpenAI, "AZURE_OPENAI_ENDPOINT");
            default:
                return new ProviderSelection(requested, $"--provider {requested}");
        }
    }

    private ProviderSelection ResolveDefault()
    {
        var location = claude.Locate();
        if (location.Found)
        {
            return new ProviderSelection(null, $"the agents' configured backends (claude at {location.Path})");
        }

        if (Has("OPENAI_API_KEY"))
        {
            return new ProviderSelection(Providers.OpenAI, "OPENAI_API_KEY is set and claude was not found");
        }

        if (Has("ANTHROPIC_API_KEY") || Has("ANTHROPIC_AUTH_TOKEN"))
        {
            return new ProviderSelection(Providers.Anthropic, "ANTHROPIC_API_KEY is set and claude was not found");
        }

        if (Has("AZURE_OPENAI_ENDPOINT"))
        {
            return new ProviderSelection(Providers.AzureOpenAI, "AZURE_OPENAI_ENDPOINT is set and claude was not found");
        }

        throw new ProviderNotConfiguredException($"no agent provider is configured (claude: {location.Source}; no OPENAI_API_KEY, ANTHROPIC_API_KEY or AZURE_OPENAI_ENDPOINT).");
    }

    private ProviderSelection Require(string provider, string variable) =>
        Has(variable)
            ? new ProviderSelection(provider, $"--provider {provider}")
            : throw new ProviderNotConfiguredException($"--provider {provider} needs {variable} in the environment.");

    private bool Has(string variable) => !string.IsNullOrWhiteSpace(environment(variable));
}
