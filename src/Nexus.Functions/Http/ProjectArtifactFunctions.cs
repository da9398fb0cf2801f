using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Nexus.Api;
using Nexus.Api.Handlers;

namespace Nexus.Functions.Http;

/// <summary>What a project produced: scratchpads, commits, diffs and its agents' sessions: HTTP functions over the shared handlers (<see cref="ApiRoutes"/>; the same handlers <c>nexus serve</c>
/// maps). Anonymous to the Functions host: the product's API key is checked by <see cref="ApiFunctionRunner"/>.</summary>
public sealed class ProjectArtifactFunctions(ApiFunctionRunner runner)
{
    /// <summary>GET <see cref="ApiRoutes.Scratchpads"/>.</summary>
    [Function("ListScratchpads")]
    public Task<IResult> ListScratchpads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Scratchpads)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (_, a, ct) => ProjectArtifactsApi.ScratchpadsAsync(a, id, ct));

    /// <summary>GET <see cref="ApiRoutes.Scratchpad"/>.</summary>
    [Function("GetScratchpad")]
    public Task<IResult> GetScratchpad(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Scratchpad)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id, string name) =>
        runner.RunAsync(request, client, (_, a, ct) => ProjectArtifactsApi.ScratchpadAsync(a, id, name, ct));

    /// <summary>GET <see cref="ApiRoutes.Commits"/>.</summary>
    [Function("ListCommits")]
    public Task<IResult> ListCommits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Commits)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (_, a, ct) => ProjectArtifactsApi.CommitsAsync(a, id, ct));

    /// <summary>GET <see cref="ApiRoutes.Diff"/>.</summary>
    [Function("GetDiff")]
    public Task<IResult> GetDiff(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Diff)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => ProjectArtifactsApi.DiffAsync(h, a, id, ct));

    /// <summary>GET <see cref="ApiRoutes.ProjectAgents"/>.</summary>
    [Function("ListProjectAgents")]
    public Task<IResult> ListProjectAgents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.ProjectAgents)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (_, a, ct) => ProjectArtifactsApi.AgentsAsync(a, id, ct));
}
