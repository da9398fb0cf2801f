using Nexus.Agents.Backends.Chat;

namespace Nexus.Agents.Backends.Anthropic;

/// <summary>Settings of an <see cref="AnthropicBackend"/>.</summary>
public sealed class AnthropicBackendOptions
{
    /// <summary>The backend's name in configuration and results. Default <c>anthropic</c>.</summary>
    public string Name { get; init; } = "anthropic";

    /// <summary>The API's base URL; requests go to <c>{BaseUrl}/v1/messages</c>. Default <c>https://api.anthropic.com</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.anthropic.com");

    /// <summary>The API key, sent as <c>x-api-key</c>. Never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>An OAuth/bearer token, sent as <c>Authorization: Bearer</c>, instead of a key. Never logged.</summary>
    public string? AuthToken { get; init; }

    /// <summary>The model used when the agent names none. Default <c>claude-sonnet-4-5</c>.</summary>
    public string? DefaultModel { get; init; } = "claude-sonnet-4-5";

    /// <summary><c>max_tokens</c> of each reply (whole-file edits need room). Default 16 000.</summary>
    public int MaxTokens { get; init; } = 16_000;

    /// <summary>Time limit of one HTTP call. Default 10 minutes (the agent's own <c>Timeout</c> is enforced by the turn runner).</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many bytes of workspace file content go into the prompt. Default 100 000; 0 sends none.</summary>
    public int WorkspaceContextBytes { get; init; } = 100_000;

    /// <summary>Prices for the cost estimate. Default <see cref="ModelPriceTable.Default"/>.</summary>
    public ModelPriceTable Prices { get; init; } = ModelPriceTable.Default;

    /// <summary>Options from <c>ANTHROPIC_API_KEY</c>, <c>ANTHROPIC_AUTH_TOKEN</c> and <c>ANTHROPIC_BASE_URL</c>.</summary>
    public static AnthropicBackendOptions FromEnvironment() => new()
    {
        ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY"),
        AuthToken = Environment.GetEnvironmentVariable("ANTHROPIC_AUTH_TOKEN"),
        BaseUrl = Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") is { Length: > 0 } url ? new Uri(url) : new Uri("https://api.anthropic.com"),
    };

    /// <summary>How many times a reply that is not valid (not the schema, an edit the workspace refuses) goes back to the
    /// model with the reason before the turn fails (0–5). Default 2.</summary>
    public int ReplyCorrections { get; init; } = ReplyCorrection.DefaultLimit;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or inconsistent.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new InvalidOperationException("The backend needs a name.");
        }

        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The base URL must be an absolute URL such as https://api.anthropic.com.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey) && string.IsNullOrWhiteSpace(AuthToken))
        {
            throw new InvalidOperationException("The Anthropic backend needs an API key or an auth token (ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN).");
        }

        if (MaxTokens < 1 || NetworkTimeout <= TimeSpan.Zero || WorkspaceContextBytes < 0 || Prices is null)
        {
            throw new InvalidOperationException("MaxTokens and NetworkTimeout must be positive, WorkspaceContextBytes not negative, and Prices set.");
        }

        ReplyCorrection.Validate(ReplyCorrections);
    }
}
