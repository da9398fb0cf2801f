using Microsoft.AspNetCore.Authentication;
using Nexus.Api.Security;

namespace Nexus.Server.Security;

/// <summary>Challenges every unauthenticated request under <c>/api</c> — routes that do not exist included, so the API cannot
/// be mapped without a key. (The endpoints also require authorization; this covers what no endpoint matches.)</summary>
internal sealed class ApiKeyRequiredMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync(ApiKeyGate.SchemeName).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
