using Microsoft.Extensions.Options;
using Nexus.Api;
using Nexus.Api.Security;

namespace Nexus.Server.Security;

/// <summary>The shared body limit (<see cref="RequestBodyLimit"/>) for every request of this host, before any endpoint.</summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (await RequestBodyLimit.EnforceAsync(context, options.Value.MaxRequestBodyBytes).ConfigureAwait(false) is { } refused)
        {
            await refused.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
