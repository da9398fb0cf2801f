using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Nexus.Api.Errors;
using Nexus.Api.Security;
using Nexus.Server.Hosting;

namespace Nexus.Server.Security;

/// <summary>The per-key rate limit of the <c>/api</c> routes (a fixed window per API key; unauthenticated callers per address).</summary>
internal static class RateLimits
{
    /// <summary>The policy name.</summary>
    public const string PolicyName = "per-api-key";

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(PolicyName, context =>
        {
            var host = context.RequestServices.GetRequiredService<IOptions<NexusHostOptions>>().Value;
            var partition = context.User.FindFirst(ApiKeyGate.KeyIdClaim)?.Value is { } keyId
                ? "key:" + keyId
                : "addr:" + context.Connection.RemoteIpAddress;
            return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = host.RateLimitPermits,
                Window = host.RateLimitWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = async (context, cancellationToken) =>
        {
            var window = context.HttpContext.RequestServices.GetRequiredService<IOptions<NexusHostOptions>>().Value.RateLimitWindow;
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(ProblemDetailsDefaults.Context(
                context.HttpContext, StatusCodes.Status429TooManyRequests, $"Too many requests for this API key; retry after {seconds} s.")).ConfigureAwait(false);
        };
    }
}
