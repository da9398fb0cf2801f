using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Nexus.Server.Errors;

namespace Nexus.Server.Security;

/// <summary>Authenticates <c>X-Api-Key: KEY</c> or <c>Authorization: Bearer KEY</c> against <see cref="ApiKeyStore"/>;
/// a challenge is a 401 problem details.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim with the key's id (a short hash).</summary>
    public const string KeyIdClaim = "nexus:key-id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Identify(presented) is not { } keyId)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(KeyIdClaim, keyId), new Claim(ClaimTypes.Name, "key:" + keyId)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\", Bearer";
        var detail = Presented(Request) is null
            ? "Send an API key in the X-Api-Key header or as Authorization: Bearer <key>."
            : "The API key is not valid.";
        await problems.WriteAsync(ProblemDetailsDefaults.Context(Context, StatusCodes.Status401Unauthorized, detail)).ConfigureAwait(false);
    }

    /// <summary>The presented key, or <see langword="null"/>.</summary>
    internal static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } bearer
            ? bearer
            : null;
    }
}
