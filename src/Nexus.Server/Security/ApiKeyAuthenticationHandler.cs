using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Nexus.Api.Errors;
using Nexus.Api.Security;

namespace Nexus.Server.Security;

/// <summary>The shared API-key check (<see cref="ApiKeyGate"/>) as this host's authentication scheme; a challenge is a 401
/// problem details.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyGate.Presented(Request) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(ApiKeyGate.Authenticate(presented, keys) is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(caller, ApiKeyGate.SchemeName))
            : AuthenticateResult.Fail("The API key is not valid."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = ApiKeyGate.Challenge;
        await problems.WriteAsync(ProblemDetailsDefaults.Context(Context, StatusCodes.Status401Unauthorized, ApiKeyGate.RefusalDetail(Request))).ConfigureAwait(false);
    }
}
