using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Hosting;
using Nexus.Hosting.Kpis;

namespace Nexus.Server.Api;

/// <summary><c>GET /api/kpis</c>: the product's success metrics over every project (completion rate, average response time
/// per agent, uptime, cost and tokens per project and per agent).</summary>
internal static class KpisApi
{
    public static RouteGroupBuilder MapKpisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", KpisAsync).WithTags("System").WithName("GetKpis")
            .WithSummary("Completion rate, average response time per agent, uptime, cost and tokens per project and per agent.");
        return api;
    }

    private static async Task<Ok<SystemKpis>> KpisAsync(ProjectClient projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(await projects.GetKpisAsync(cancellationToken).ConfigureAwait(false));
}
