using Nexus.Server.Hosting;

namespace Nexus.Server.Api;

/// <summary><c>GET /metrics</c>: Prometheus text — the agents' turns, durations, tokens and cost, test runs and ended
/// projects (counted as they happen in this process) and the KPIs as gauges (from the store at scrape time). It needs an
/// API key like <c>/api</c> (Prometheus: <c>authorization: { credentials: KEY }</c>).</summary>
internal static class MetricsApi
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path)
            .RequireAuthorization()
            .WithTags("System")
            .WithDisplayName("Metrics")
            .Add(endpoint =>
            {
                // The gauges are read from the KPIs, refreshed just before the exporter collects them.
                var collect = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = async context =>
                {
                    await context.RequestServices.GetRequiredService<KpiGauges>().RefreshAsync(context.RequestAborted).ConfigureAwait(false);
                    await collect(context).ConfigureAwait(false);
                };
            });
        return app;
    }
}
