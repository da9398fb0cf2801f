using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Nexus.Durable;
using Nexus.Durable.Client;
using Nexus.Server.Api.Contracts;
using Nexus.Server.Errors;
using Nexus.Server.Hosting;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;

namespace Nexus.Server.Api;

/// <summary>The original NEXUS task endpoints, kept as aliases: a task is a project.</summary>
internal static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks (original API)");
        tasks.MapPost("/create", CreateAsync).WithName("CreateTask").WithSummary("Alias of POST /api/projects (same body); 202 with the task id.");
        tasks.MapGet("/{id}/status", StatusAsync).WithName("GetTaskStatus").WithSummary("The task's status and live progress.");
        tasks.MapGet("/{id}/result", ResultAsync).WithName("GetTaskResult").WithSummary("200 with the report (or the error) when finished, 202 while it runs.");
        tasks.MapDelete("/{id}", CancelAsync).WithName("CancelTask").WithSummary("Cancels the task (terminates the project); 410 when already finished.");
        return api;
    }

    private static async Task<Results<Accepted<TaskCreatedResponse>, ProblemHttpResult>> CreateAsync(
        StartProjectBody body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http,
        ProjectStarter starter,
        IOptions<NexusHostOptions> options,
        CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ProblemDetailsDefaults.BadRequest("The body must be a JSON object with at least a description.");
        }

        var (id, _) = await starter.StartAsync(body.ToRequest(), body.Id, idempotencyKey, http.User, cancellationToken).ConfigureAwait(false);
        var baseUri = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/tasks/{id}";
        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(
            baseUri + "/status",
            new TaskCreatedResponse(id, "accepted", baseUri + "/status", baseUri + "/result", ProjectResponses.StatusUri(http.Request, id) + "/stream"));
    }

    private static async Task<Results<Ok<TaskStatusResponse>, ProblemHttpResult>> StatusAsync(string id, ProjectClient projects, CancellationToken cancellationToken)
    {
        var (project, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(new TaskStatusResponse
        {
            TaskId = id,
            Status = Lower(RuntimeStatusMap.ToEngine(project!.RuntimeStatus)),
            Progress = project.SerializedCustomStatus is null ? null : project.ReadCustomStatusAs<ProjectStatus>(),
            CreatedTime = project.CreatedAt,
            LastUpdatedTime = project.LastUpdatedAt,
        });
    }

    private static async Task<Results<Ok<TaskResultResponse>, Accepted<TaskResultResponse>, ProblemHttpResult>> ResultAsync(
        string id, HttpContext http, ProjectClient projects, IOptions<NexusHostOptions> options, CancellationToken cancellationToken)
    {
        var (project, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var status = Lower(RuntimeStatusMap.ToEngine(project!.RuntimeStatus));
        if (!project.IsCompleted)
        {
            http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Accepted((string?)null, new TaskResultResponse { TaskId = id, Status = status });
        }

        return TypedResults.Ok(project.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed
            ? new TaskResultResponse { TaskId = id, Status = status, Result = project.ReadOutputAs<ProjectReport>() }
            : new TaskResultResponse
            {
                TaskId = id,
                Status = status,
                Error = project.FailureDetails?.ErrorMessage ?? (project.SerializedOutput is null ? status : project.ReadOutputAs<string>()),
            });
    }

    private static async Task<Results<Accepted<TaskResultResponse>, ProblemHttpResult>> CancelAsync(
        string id, HttpContext http, ProjectClient projects, IOptions<NexusHostOptions> options, CancellationToken cancellationToken)
    {
        var (project, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Gone($"Task '{id}' has already finished ({project.RuntimeStatus}).");
        }

        await projects.CancelAsync(id, "cancelled through the API", cancellationToken).ConfigureAwait(false);
        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted($"{http.Request.PathBase}/api/tasks/{id}/status", new TaskResultResponse { TaskId = id, Status = "cancelling" });
    }

    private static string Lower(OrchestrationRuntimeStatus status) => status.ToString().ToLowerInvariant();
}
