using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Nexus.Api;
using Nexus.Api.Handlers;

namespace Nexus.Functions.Http;

/// <summary>Read-only views across projects — the durable entities (agent sessions, scratchpads) and the KPIs: HTTP
/// functions over the shared handlers (<see cref="ApiRoutes"/>; the same handlers <c>nexus serve</c> maps). Anonymous to the
/// Functions host: the product's API key is checked by <see cref="ApiFunctionRunner"/>.</summary>
/// <remarks>No Prometheus scrape (<c>/metrics</c>) here: that is the local host's. A scaled-out Function App has many
/// instances behind one address, and a scrape would reach one of them; its telemetry goes to Application Insights instead
/// (the Functions host's requests, logs and traces; <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, set by <c>infra/</c>), and
/// the product's KPIs, read from the task hub, are <see cref="ApiRoutes.Kpis"/>.</remarks>
public sealed class SystemFunctions(ApiFunctionRunner runner)
{
    /// <summary>GET <see cref="ApiRoutes.Entities"/>.</summary>
    [Function("ListEntities")]
    public Task<IResult> ListEntities(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Entities)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, EntitiesApi.ListAsync);

    /// <summary>GET <see cref="ApiRoutes.Memory"/>: 503 unless the app's settings name the shared PostgreSQL store.</summary>
    [Function("SearchMemory")]
    public Task<IResult> SearchMemory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Memory)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, MemoryApi.SearchAsync);

    /// <summary>GET <see cref="ApiRoutes.Kpis"/>.</summary>
    [Function("GetKpis")]
    public Task<IResult> GetKpis(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Kpis)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, (_, a, ct) => KpisApi.GetAsync(a, ct));
}
