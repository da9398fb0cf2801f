namespace Nexus.Api.Handlers;

/// <summary>The product's success metrics over every project: completion rate, average response time per agent, uptime,
/// cost and tokens per project and per agent.</summary>
/// <remarks>The uptime is that of the worker the answering process runs (<c>nexus serve</c>); the Function App's HTTP
/// functions run none of their own, so there it is <see langword="null"/>. The Prometheus scrape of the same figures
/// (<c>/metrics</c>) is the local host's; the Function App exports through OpenTelemetry.</remarks>
internal static class KpisApi
{
    /// <summary><c>GET kpis</c>.</summary>
    public static async Task<IResult> GetAsync(ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        return TypedResults.Ok(await api.Projects.GetKpisAsync(cancellationToken).ConfigureAwait(false));
    }
}
