using System.Security.Claims;
using Nexus.Api.Errors;

namespace Nexus.Api.Security;

/// <summary>The product's API-key check, the same in both hosts: <c>X-Api-Key: KEY</c> or <c>Authorization: Bearer KEY</c>
/// against <see cref="ApiKeyStore"/>. The local host runs it as its authentication scheme (for every <c>/api</c> path,
/// unknown ones included); the Function App runs it before every HTTP function's handler — the Functions host's own
/// function keys are an additional lock there, not this one.</summary>
internal static class ApiKeyGate
{
    /// <summary>The authentication scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim with the key's id (a short hash).</summary>
    public const string KeyIdClaim = "nexus:key-id";

    /// <summary>The <c>WWW-Authenticate</c> challenge.</summary>
    public const string Challenge = "ApiKey header=\"X-Api-Key\", Bearer";

    /// <summary>The presented key, or <see langword="null"/>.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } bearer
            ? bearer
            : null;
    }

    /// <summary>The caller of an accepted key (with <see cref="KeyIdClaim"/>), or <see langword="null"/>.</summary>
    public static ClaimsPrincipal? Authenticate(string presented, ApiKeyStore keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Identify(presented) is not { } keyId)
        {
            return null;
        }

        var identity = new ClaimsIdentity([new Claim(KeyIdClaim, keyId), new Claim(ClaimTypes.Name, "key:" + keyId)], SchemeName);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>What a refused request is told.</summary>
    public static string RefusalDetail(HttpRequest request) => Presented(request) is null
        ? "Send an API key in the X-Api-Key header or as Authorization: Bearer <key>."
        : "The API key is not valid.";

    /// <summary>Checks <paramref name="http"/>'s key: sets the caller on success and returns <see langword="null"/>;
    /// otherwise the 401 problem (with the challenge header) to answer.</summary>
    public static IResult? Check(HttpContext http, ApiKeyStore keys)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Presented(http.Request) is { } presented && Authenticate(presented, keys) is { } caller)
        {
            http.User = caller;
            return null;
        }

        http.Response.Headers.WWWAuthenticate = Challenge;
        return ProblemDetailsDefaults.Written(StatusCodes.Status401Unauthorized, RefusalDetail(http.Request));
    }
}
