using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Identity;

namespace Nexus.Agents.Backends.OpenAI;

/// <summary>The <c>azure-openai</c> provider's settings: resource, deployment, API version, and a key or an Entra ID identity.</summary>
/// <remarks>
/// <para>NEXUS talks to Azure OpenAI with the OpenAI SDK (not Azure.AI.OpenAI; see <c>src/Nexus.Agents/README.md</c>), on
/// one of Azure's two wire formats, chosen by <see cref="ApiVersion"/>:</para>
/// <list type="bullet">
/// <item><c>v1</c> (default): <c>POST {Endpoint}/openai/v1/chat/completions</c>, the deployment in the body's <c>model</c>.</item>
/// <item>a dated version such as <c>2024-10-21</c>: the classic route
/// <c>POST {Endpoint}/openai/deployments/{deployment}/chat/completions?api-version=2024-10-21</c>.</item>
/// </list>
/// <para>Authentication: <see cref="ApiKey"/> when set (sent as <c>api-key</c>); otherwise Entra ID bearer tokens from
/// <see cref="TokenCredential"/>, or the user-assigned managed identity <see cref="ManagedIdentityClientId"/>, or
/// <c>DefaultAzureCredential</c> (a system-assigned managed identity, workload identity, or a developer's sign-in).</para>
/// </remarks>
public sealed partial class AzureOpenAIOptions
{
    /// <summary>The API version that selects Azure's v1 route.</summary>
    public const string V1 = "v1";

    /// <summary>The resource, for example <c>https://my-resource.openai.azure.com/</c> (a trailing <c>/openai/v1</c> is tolerated).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The deployment used when an agent names no model (an agent's <c>model</c> is a deployment name here). Default none.</summary>
    public string? Deployment { get; init; }

    /// <summary><see cref="V1"/> (default) or a dated API version (<c>yyyy-MM-dd</c>, optionally <c>-preview</c>) for the classic deployment route.</summary>
    public string ApiVersion { get; init; } = V1;

    /// <summary>The resource key. Never logged. Default none: Entra ID is used.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The client id of a user-assigned managed identity to authenticate with when there is no <see cref="ApiKey"/>. Default none.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>An explicit Entra ID credential, used when there is no <see cref="ApiKey"/>; wins over <see cref="ManagedIdentityClientId"/>. Default none.</summary>
    public TokenCredential? TokenCredential { get; init; }

    /// <summary><see langword="true"/> for Azure's v1 route, <see langword="false"/> for the classic deployment route.</summary>
    public bool UsesV1 => string.Equals(ApiVersion, V1, StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or malformed.</exception>
    public void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The Azure OpenAI endpoint must be an absolute URL such as https://my-resource.openai.azure.com/.");
        }

        if (!UsesV1 && (ApiVersion is null || !DatedVersion().IsMatch(ApiVersion)))
        {
            throw new InvalidOperationException($"The Azure OpenAI API version '{ApiVersion}' is neither 'v1' nor a dated version such as 2024-10-21.");
        }

        if (ApiKey is not null && string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new InvalidOperationException("The Azure OpenAI API key is blank: leave it unset to use Entra ID.");
        }
    }

    /// <summary>The settings of the <see cref="OpenAICompatibleBackend"/> that talks to this resource (named <c>azure-openai</c>).</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or malformed.</exception>
    public OpenAICompatibleBackendOptions ToBackendOptions()
    {
        Validate();
        var resource = new Uri(ResourceUrl(Endpoint));
        var useKey = ApiKey is not null;
        return new OpenAICompatibleBackendOptions
        {
            Name = "azure-openai",
            Endpoint = UsesV1 ? OpenAICompatibleBackendOptions.AzureV1Endpoint(resource) : resource,
            AzureApiVersion = UsesV1 ? null : ApiVersion,
            DefaultModel = Deployment,
            Authentication = useKey ? OpenAIAuthentication.AzureApiKey : OpenAIAuthentication.TokenCredential,
            ApiKey = ApiKey,
            TokenCredential = useKey ? null : TokenCredential ?? DefaultCredential(),
        };
    }

    private TokenCredential DefaultCredential() => string.IsNullOrWhiteSpace(ManagedIdentityClientId)
        ? new DefaultAzureCredential()
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(ManagedIdentityClientId));

    /// <summary><c>https://r.openai.azure.com/openai/v1/</c> → <c>https://r.openai.azure.com</c>.</summary>
    private static string ResourceUrl(Uri endpoint)
    {
        var text = endpoint.AbsoluteUri.TrimEnd('/');
        return text.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) ? text[..^"/openai/v1".Length] : text;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatedVersion();
}
