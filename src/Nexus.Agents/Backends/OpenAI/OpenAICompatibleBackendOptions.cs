using Azure.Core;
using Nexus.Agents.Backends.Chat;

namespace Nexus.Agents.Backends.OpenAI;

/// <summary>Settings of an <see cref="OpenAICompatibleBackend"/>. Use the factory methods for the common services.</summary>
public sealed class OpenAICompatibleBackendOptions
{
    /// <summary>The scope of Azure OpenAI tokens.</summary>
    public const string AzureCognitiveServicesScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The backend's name in configuration and results. Default <c>openai</c>; also <c>azure-openai</c>, <c>ollama</c>.</summary>
    public string Name { get; init; } = "openai";

    /// <summary>The base URL; requests go to <c>{Endpoint}/chat/completions</c> (for example <c>https://api.openai.com/v1</c>).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>
    /// <see langword="null"/> (default): requests go to <c>{Endpoint}/chat/completions</c>. Set (Azure OpenAI's classic route,
    /// see <see cref="AzureOpenAIOptions"/>): <see cref="Endpoint"/> is the Azure resource and requests go to
    /// <c>{Endpoint}/openai/deployments/{model}/chat/completions?api-version={AzureApiVersion}</c>.
    /// </summary>
    public string? AzureApiVersion { get; init; }

    /// <summary>How to authenticate. Default <see cref="OpenAIAuthentication.Bearer"/>.</summary>
    public OpenAIAuthentication Authentication { get; init; } = OpenAIAuthentication.Bearer;

    /// <summary>The API key for <see cref="OpenAIAuthentication.Bearer"/> and <see cref="OpenAIAuthentication.AzureApiKey"/>. Never logged.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The credential for <see cref="OpenAIAuthentication.TokenCredential"/> (for example <c>new DefaultAzureCredential()</c>).</summary>
    public TokenCredential? TokenCredential { get; init; }

    /// <summary>The token scope for <see cref="OpenAIAuthentication.TokenCredential"/>. Default <see cref="AzureCognitiveServicesScope"/>.</summary>
    public string TokenScope { get; init; } = AzureCognitiveServicesScope;

    /// <summary>The model used when the agent names none (for Azure, a deployment name). Default none.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>Sent as <c>max_completion_tokens</c> when set. Default not sent (the service's limit).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Ask for strict schema adherence (<c>json_schema.strict</c>) for the edits format. Default <see langword="true"/>; caller schemas are never strict.</summary>
    public bool StrictSchema { get; init; } = true;

    /// <summary>Time limit of one HTTP call. Default 10 minutes (the agent's own <c>Timeout</c> is enforced by the turn runner).</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many bytes of workspace file content go into the prompt. Default 100 000; 0 sends none.</summary>
    public int WorkspaceContextBytes { get; init; } = 100_000;

    /// <summary>Prices for the cost estimate. Default <see cref="ModelPriceTable.Default"/> (0 for unknown models).</summary>
    public ModelPriceTable Prices { get; init; } = ModelPriceTable.Default;

    /// <summary>How many times a reply that is not valid (not JSON, not the schema, an edit the workspace refuses) goes back
    /// to the model with the reason before the turn fails (0–5). Default 2.</summary>
    public int ReplyCorrections { get; init; } = ReplyCorrection.DefaultLimit;

    /// <summary>OpenAI at <c>https://api.openai.com/v1</c> with a bearer key.</summary>
    public static OpenAICompatibleBackendOptions OpenAI(string apiKey, string? defaultModel = "gpt-4.1") => new()
    {
        Name = "openai",
        Endpoint = new Uri("https://api.openai.com/v1"),
        ApiKey = apiKey,
        DefaultModel = defaultModel,
    };

    /// <summary>Azure OpenAI's v1 endpoint with a resource key sent as <c>api-key</c>.</summary>
    /// <param name="endpoint">The resource (<c>https://&lt;resource&gt;.openai.azure.com/</c>) or its v1 endpoint; <c>/openai/v1</c> is added when missing.</param>
    /// <param name="apiKey">The resource key.</param>
    /// <param name="defaultDeployment">The deployment used when an agent names no model.</param>
    public static OpenAICompatibleBackendOptions AzureOpenAI(Uri endpoint, string apiKey, string? defaultDeployment = null) => new()
    {
        Name = "azure-openai",
        Endpoint = AzureV1Endpoint(endpoint),
        Authentication = OpenAIAuthentication.AzureApiKey,
        ApiKey = apiKey,
        DefaultModel = defaultDeployment,
        Prices = ModelPriceTable.Default,
    };

    /// <summary>Azure OpenAI's v1 endpoint with Entra ID tokens from <paramref name="credential"/> (for example <c>DefaultAzureCredential</c>).</summary>
    public static OpenAICompatibleBackendOptions AzureOpenAI(Uri endpoint, TokenCredential credential, string? defaultDeployment = null) => new()
    {
        Name = "azure-openai",
        Endpoint = AzureV1Endpoint(endpoint),
        Authentication = OpenAIAuthentication.TokenCredential,
        TokenCredential = credential,
        DefaultModel = defaultDeployment,
    };

    /// <summary>A local Ollama (default <c>http://localhost:11434/v1</c>); no credentials, local models cost 0.</summary>
    public static OpenAICompatibleBackendOptions Ollama(Uri? endpoint = null, string? defaultModel = null) => new()
    {
        Name = "ollama",
        Endpoint = endpoint ?? new Uri("http://localhost:11434/v1"),
        Authentication = OpenAIAuthentication.None,
        DefaultModel = defaultModel,
        Prices = ModelPriceTable.Free,
    };

    /// <summary>Azure's v1 endpoint for a resource URL: <c>https://r.openai.azure.com/</c> → <c>https://r.openai.azure.com/openai/v1</c>.</summary>
    public static Uri AzureV1Endpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var text = endpoint.AbsoluteUri.TrimEnd('/');
        return text.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) ? new Uri(text) : new Uri(text + "/openai/v1");
    }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or inconsistent.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new InvalidOperationException("The backend needs a name.");
        }

        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The endpoint must be an absolute URL such as https://api.openai.com/v1.");
        }

        switch (Authentication)
        {
            case OpenAIAuthentication.Bearer or OpenAIAuthentication.AzureApiKey when string.IsNullOrWhiteSpace(ApiKey):
                throw new InvalidOperationException($"Authentication {Authentication} needs an API key.");
            case OpenAIAuthentication.TokenCredential when TokenCredential is null:
                throw new InvalidOperationException("Authentication TokenCredential needs a TokenCredential.");
        }

        if (AzureApiVersion is not null && string.IsNullOrWhiteSpace(AzureApiVersion))
        {
            throw new InvalidOperationException("The Azure API version is blank: leave it unset for the v1 route.");
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("The network timeout must be positive.");
        }

        if (WorkspaceContextBytes < 0 || Prices is null)
        {
            throw new InvalidOperationException("WorkspaceContextBytes must not be negative and Prices must be set.");
        }

        ReplyCorrection.Validate(ReplyCorrections);
    }
}
