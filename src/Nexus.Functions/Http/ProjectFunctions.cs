using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Nexus.Api;
using Nexus.Api.Handlers;

namespace Nexus.Functions.Http;

/// <summary>The projects API's start, status, list and control routes (Durable Functions management semantics): HTTP functions over the shared handlers (<see cref="ApiRoutes"/>; the same handlers <c>nexus serve</c>
/// maps). Anonymous to the Functions host: the product's API key is checked by <see cref="ApiFunctionRunner"/>.</summary>
public sealed class ProjectFunctions(ApiFunctionRunner runner)
{
    /// <summary>POST <see cref="ApiRoutes.Projects"/>.</summary>
    [Function("StartProject")]
    public Task<IResult> StartProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Projects)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, ProjectsApi.StartAsync);

    /// <summary>GET <see cref="ApiRoutes.Projects"/>.</summary>
    [Function("ListProjects")]
    public Task<IResult> ListProjects(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Projects)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, ProjectsApi.ListAsync);

    /// <summary>GET <see cref="ApiRoutes.Project"/>.</summary>
    [Function("GetProject")]
    public Task<IResult> GetProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Project)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => ProjectsApi.GetAsync(h, a, id, ct));

    /// <summary>DELETE <see cref="ApiRoutes.Project"/>.</summary>
    [Function("PurgeProject")]
    public Task<IResult> PurgeProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Project)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (_, a, ct) => ProjectControlApi.PurgeAsync(a, id, ct));

    /// <summary>POST <see cref="ApiRoutes.PurgeProjects"/> (bulk purge). A literal route, and POST is no method of
    /// <see cref="ApiRoutes.Project"/>: the Functions host, which tries routes in the order it registered them, cannot take it
    /// for a project id.</summary>
    [Function("PurgeProjects")]
    public Task<IResult> PurgeProjects(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.PurgeProjects)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, ProjectBulkPurgeApi.PurgeAsync);

    /// <summary>POST <see cref="ApiRoutes.Terminate"/>.</summary>
    [Function("TerminateProject")]
    public Task<IResult> TerminateProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Terminate)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => ProjectControlApi.TerminateAsync(h, a, id, ct));

    /// <summary>POST <see cref="ApiRoutes.Suspend"/>.</summary>
    [Function("SuspendProject")]
    public Task<IResult> SuspendProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Suspend)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => ProjectControlApi.SuspendAsync(h, a, id, ct));

    /// <summary>POST <see cref="ApiRoutes.Resume"/>.</summary>
    [Function("ResumeProject")]
    public Task<IResult> ResumeProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Resume)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => ProjectControlApi.ResumeAsync(h, a, id, ct));

    /// <summary>POST <see cref="ApiRoutes.RaiseEvent"/>.</summary>
    [Function("RaiseProjectEvent")]
    public Task<IResult> RaiseProjectEvent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RaiseEvent)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id, string name) =>
        runner.RunAsync(request, client, (h, a, ct) => ProjectControlApi.RaiseEventAsync(h, a, id, name, ct));

    /// <summary>POST <see cref="ApiRoutes.Restart"/>.</summary>
    [Function("RestartProject")]
    public Task<IResult> RestartProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Restart)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => ProjectControlApi.RestartAsync(h, a, id, ct));

    /// <summary>POST <see cref="ApiRoutes.Retry"/>.</summary>
    [Function("RetryProject")]
    public Task<IResult> RetryProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Retry)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => ProjectRetryApi.RetryAsync(h, a, id, ct));
}
