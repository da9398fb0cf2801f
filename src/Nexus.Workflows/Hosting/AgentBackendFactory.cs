using System.Collections.Concurrent;
using Azure.Identity;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.Anthropic;
using Nexus.Agents.Backends.Claude;
using Nexus.Agents.Backends.OpenAI;
using Nexus.Agents.Backends.Replay;
using Nexus.Agents.Security;

namespace Nexus.Workflows.Hosting;

/// <summary>Creates the agent backends from the environment (keys and endpoints are read here, never recorded).</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>claude</c>: the Claude Code CLI (<c>NEXUS_CLAUDE_PATH</c>, <c>claude</c> on PATH, or the repository-local install).</item>
/// <item><c>openai</c>: <c>OPENAI_API_KEY</c>, optional <c>OPENAI_BASE_URL</c>.</item>
/// <item><c>azure-openai</c>: <c>AZURE_OPENAI_ENDPOINT</c>, <c>AZURE_OPENAI_DEPLOYMENT</c>, <c>AZURE_OPENAI_API_VERSION</c>
/// (default <c>v1</c>; a dated version uses the classic deployment route) with <c>AZURE_OPENAI_API_KEY</c>, or Entra ID
/// without a key (the user-assigned identity <c>AZURE_CLIENT_ID</c>, else DefaultAzureCredential).</item>
/// <item><c>anthropic</c>: <c>ANTHROPIC_API_KEY</c> or <c>ANTHROPIC_AUTH_TOKEN</c>, optional <c>ANTHROPIC_BASE_URL</c>.</item>
/// <item><c>ollama</c>: <c>OLLAMA_BASE_URL</c> (default <c>http://localhost:11434/v1</c>).</item>
/// <item><c>replay</c>: recorded turns of a scenario under the scenarios folder.</item>
/// </list>
/// A backend whose settings are missing answers every turn with <see cref="AgentErrorKind.NotConfigured"/> and says what to set.
/// </remarks>
internal sealed class AgentBackendFactory(WorkflowOptions options, SecretRedactor redactor)
{
    private readonly ConcurrentDictionary<string, AgentBackend> _backends = new(StringComparer.OrdinalIgnoreCase);

    public AgentBackend Get(string name, string? scenario, TimeSpan? replayDelay)
    {
        if (string.Equals(name, ReplayBackend.BackendName, StringComparison.OrdinalIgnoreCase))
        {
            var scenarioName = string.IsNullOrWhiteSpace(scenario) ? "demo" : scenario;
            var delay = replayDelay ?? TimeSpan.Zero;
            return _backends.GetOrAdd($"replay:{scenarioName}:{delay.Ticks}", _ => new ReplayBackend(
                new ReplayBackendOptions
                {
                    ScenarioDirectory = Path.Combine(options.ResolveScenariosDirectory(), scenarioName),
                    ScenarioName = scenarioName,
                    TurnDelay = delay,
                },
                options.TimeProvider,
                redactor));
        }

        return _backends.GetOrAdd(name, Create);
    }

    private AgentBackend Create(string name) => name.ToLowerInvariant() switch
    {
        "claude" => CreateClaude(),
        "openai" => Env("OPENAI_API_KEY") is { } key
            ? new OpenAICompatibleBackend(
                Env("OPENAI_BASE_URL") is { } baseUrl
                    ? new OpenAICompatibleBackendOptions { Endpoint = new Uri(baseUrl), ApiKey = key, DefaultModel = "gpt-4.1" }
                    : OpenAICompatibleBackendOptions.OpenAI(key),
                redactor,
                options.TimeProvider)
            : new UnconfiguredBackend("openai", "set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)"),
        "azure-openai" => Env("AZURE_OPENAI_ENDPOINT") is { } endpoint
            ? new OpenAICompatibleBackend(
                new AzureOpenAIOptions
                {
                    Endpoint = new Uri(endpoint),
                    Deployment = Env("AZURE_OPENAI_DEPLOYMENT"),
                    ApiVersion = Env("AZURE_OPENAI_API_VERSION") ?? AzureOpenAIOptions.V1,
                    ApiKey = Env("AZURE_OPENAI_API_KEY"),
                    ManagedIdentityClientId = Env("AZURE_CLIENT_ID"),
                }.ToBackendOptions(),
                redactor,
                options.TimeProvider)
            : new UnconfiguredBackend("azure-openai", "set AZURE_OPENAI_ENDPOINT (and AZURE_OPENAI_API_KEY, or sign in for Entra ID)"),
        "anthropic" => Env("ANTHROPIC_API_KEY") is not null || Env("ANTHROPIC_AUTH_TOKEN") is not null
            ? new AnthropicBackend(AnthropicBackendOptions.FromEnvironment(), redactor, options.TimeProvider)
            : new UnconfiguredBackend("anthropic", "set ANTHROPIC_API_KEY"),
        "ollama" => new OpenAICompatibleBackend(
            OpenAICompatibleBackendOptions.Ollama(Env("OLLAMA_BASE_URL") is { } ollama ? new Uri(ollama) : null), redactor, options.TimeProvider),
        _ => new UnconfiguredBackend(name, "use one of claude, openai, azure-openai, anthropic, ollama, replay"),
    };

    private ClaudeCodeBackend CreateClaude()
    {
        var claude = new ClaudeCodeOptions { ExecutablePath = options.ClaudeExecutable, CredentialsFile = ClaudeSignIn() };
        foreach (var (key, value) in ClaudeVariables())
        {
            claude.Environment[key] = value;
        }

        foreach (var (key, value) in options.ClaudeEnvironment)
        {
            claude.Environment[key] = value;
        }

        return new ClaudeCodeBackend(claude, redactor: redactor, timeProvider: options.TimeProvider);
    }

    /// <summary>The Claude Code backend's own variables in this process's environment — its credential and settings
    /// (<c>ANTHROPIC_*</c>, <c>CLAUDE_CODE_*</c>, <c>API_TIMEOUT_MS</c>) — the only ones of the host it gets. Its config folder
    /// is the project's own, so <c>CLAUDE_CONFIG_DIR</c> is not passed.</summary>
    private static IEnumerable<(string Name, string Value)> ClaudeVariables()
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value
                && (name.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || name.StartsWith("CLAUDE_CODE_", StringComparison.Ordinal) || name == "API_TIMEOUT_MS"))
            {
                yield return (name, value);
            }
        }
    }

    /// <summary>The sign-in file of a user who ran <c>claude login</c>: in <c>$CLAUDE_CONFIG_DIR</c>, else <c>~/.claude</c>.</summary>
    private static string? ClaudeSignIn()
    {
        var folder = Env("CLAUDE_CONFIG_DIR") ?? (Env("HOME") is { } home ? Path.Combine(home, ".claude") : null);
        return folder is null ? null : Path.Combine(folder, ClaudeCodeOptions.CredentialsFileName);
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
