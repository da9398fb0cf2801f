using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Nexus.Api;
using Nexus.Api.Handlers;

namespace Nexus.Functions.Http;

/// <summary>The original <c>/api/tasks</c> aliases (a task is a project): HTTP functions over the shared handlers (<see cref="ApiRoutes"/>; the same handlers <c>nexus serve</c>
/// maps). Anonymous to the Functions host: the product's API key is checked by <see cref="ApiFunctionRunner"/>.</summary>
public sealed class TaskFunctions(ApiFunctionRunner runner)
{
    /// <summary>POST <see cref="ApiRoutes.TaskCreate"/>.</summary>
    [Function("CreateTask")]
    public Task<IResult> CreateTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.TaskCreate)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        runner.RunAsync(request, client, TasksApi.CreateAsync);

    /// <summary>GET <see cref="ApiRoutes.TaskStatus"/>.</summary>
    [Function("GetTaskStatus")]
    public Task<IResult> GetTaskStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.TaskStatus)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (_, a, ct) => TasksApi.StatusAsync(a, id, ct));

    /// <summary>GET <see cref="ApiRoutes.TaskResult"/>.</summary>
    [Function("GetTaskResult")]
    public Task<IResult> GetTaskResult(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.TaskResult)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => TasksApi.ResultAsync(h, a, id, ct));

    /// <summary>DELETE <see cref="ApiRoutes.Task"/>.</summary>
    [Function("CancelTask")]
    public Task<IResult> CancelTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Task)] HttpRequest request,
        [DurableClient] DurableTaskClient client, string id) =>
        runner.RunAsync(request, client, (h, a, ct) => TasksApi.CancelAsync(h, a, id, ct));
}
