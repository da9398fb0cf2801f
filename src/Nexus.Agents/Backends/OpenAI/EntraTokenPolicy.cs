using System.ClientModel.Primitives;
using Azure.Core;

namespace Nexus.Agents.Backends.OpenAI;

/// <summary>Sends <c>Authorization: Bearer &lt;token&gt;</c> with an Entra ID token from a <see cref="TokenCredential"/>, cached until shortly before it expires.</summary>
/// <remarks>
/// System.ClientModel's <c>BearerTokenPolicy</c> refuses plain-HTTP endpoints, which rules out local proxies and test
/// servers; this policy does not. The token is fetched on the first call and again when it is within
/// <see cref="RefreshMargin"/> of expiring, once for all concurrent calls.
/// </remarks>
internal sealed class EntraTokenPolicy(TokenCredential credential, string scope, TimeProvider timeProvider) : AuthenticationPolicy, IDisposable
{
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AccessToken? _token;

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        SetHeader(message, GetTokenAsync(synchronous: true, message.CancellationToken).AsTask().GetAwaiter().GetResult());
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        SetHeader(message, await GetTokenAsync(synchronous: false, message.CancellationToken));
        await ProcessNextAsync(message, pipeline, currentIndex);
    }

    public void Dispose() => _refresh.Dispose();

    private static void SetHeader(PipelineMessage message, string token) => message.Request.Headers.Set("Authorization", "Bearer " + token);

    private async ValueTask<string> GetTokenAsync(bool synchronous, CancellationToken cancellationToken)
    {
        if (_token is { } cached && cached.ExpiresOn - RefreshMargin > timeProvider.GetUtcNow())
        {
            return cached.Token;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fresh && fresh.ExpiresOn - RefreshMargin > timeProvider.GetUtcNow())
            {
                return fresh.Token;
            }

            var context = new TokenRequestContext([scope]);
            var token = synchronous ? credential.GetToken(context, cancellationToken) : await credential.GetTokenAsync(context, cancellationToken);
            _token = token;
            return token.Token;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
