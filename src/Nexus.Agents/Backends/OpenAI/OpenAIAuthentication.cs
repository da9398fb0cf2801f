namespace Nexus.Agents.Backends.OpenAI;

/// <summary>How an <see cref="OpenAICompatibleBackend"/> authenticates.</summary>
public enum OpenAIAuthentication
{
    /// <summary><c>Authorization: Bearer &lt;ApiKey&gt;</c> (OpenAI, vLLM, LM Studio, gateways).</summary>
    Bearer = 0,

    /// <summary><c>api-key: &lt;ApiKey&gt;</c> (Azure OpenAI with a resource key).</summary>
    AzureApiKey,

    /// <summary>A bearer token from an Azure <see cref="global::Azure.Core.TokenCredential"/> (Entra ID, for example <c>DefaultAzureCredential</c>).</summary>
    TokenCredential,

    /// <summary>No credentials (a local Ollama).</summary>
    None,
}
