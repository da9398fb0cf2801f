namespace Nexus.Cli.Setup;

/// <summary>The agent providers <c>--provider</c> accepts, and the environment each needs.</summary>
internal static class Providers
{
    public const string Claude = "claude";
    public const string OpenAI = "openai";
    public const string AzureOpenAI = "azure-openai";
    public const string Anthropic = "anthropic";
    public const string Ollama = "ollama";
    public const string Replay = "replay";

    public static IReadOnlyList<string> All { get; } = [Claude, OpenAI, AzureOpenAI, Anthropic, Ollama, Replay];

    /// <summary>The variables that configure a provider. Only their presence is ever shown, never their values.</summary>
    public static IReadOnlyList<string> CredentialVariables { get; } =
    [
        "OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL",
        "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT", "OLLAMA_BASE_URL", ClaudeLocator.PathVariable,
    ];

    /// <summary>How to configure a provider, for the message of a run that has none.</summary>
    public static IReadOnlyList<string> ConfigurationHint { get; } =
    [
        "Configure one of:",
        "  claude        install Claude Code ('npm install -g @anthropic-ai/claude-code' or scripts/install-claude.sh), or set NEXUS_CLAUDE_PATH",
        "  openai        export OPENAI_API_KEY=...  (OPENAI_BASE_URL for a compatible server; --provider openai [--model M])",
        "  anthropic     export ANTHROPIC_API_KEY=...  (--provider anthropic [--model M])",
        "  azure-openai  export AZURE_OPENAI_ENDPOINT=... and AZURE_OPENAI_API_KEY=... (or sign in for Entra ID); --model DEPLOYMENT",
        "  ollama        --provider ollama --model M  (a local Ollama; OLLAMA_BASE_URL, default http://localhost:11434/v1)",
        "Or watch the team work offline, with no provider at all: nexus demo",
    ];
}
