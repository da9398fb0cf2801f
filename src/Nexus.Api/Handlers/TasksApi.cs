using Nexus.Api.Contracts;
using Nexus.Api.Errors;
using Nexus.Durable;
using Nexus.Durable.Client;
using Nexus.Workflows.Model;

namespace Nexus.Api.Handlers;

/// <summary>The original NEXUS task endpoints, kept as aliases: a task is a project.</summary>
internal static class TasksApi
{
    /// <summary><c>POST tasks/create</c>: alias of a project start (same body); 202 with the task id.</summary>
    public static async Task<IResult> CreateAsync(HttpContext http, ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var (body, problem) = await JsonBody.ReadAsync<StartProjectBody>(http.Request, StartProjectBody.Expected, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (id, _) = await api.Starter.StartAsync(body!.ToRequest(), body.Id, ProjectsApi.IdempotencyKey(http), http.User, cancellationToken).ConfigureAwait(false);
        var baseUri = $"{ProjectResponses.ApiBase(http.Request)}/tasks/{id}";
        ProjectsApi.RetryAfter(http, api);
        return TypedResults.Accepted(
            baseUri + "/status",
            new TaskCreatedResponse(id, "accepted", baseUri + "/status", baseUri + "/result", ProjectResponses.StreamUri(http.Request, id, api.Options)));
    }

    /// <summary><c>GET tasks/{id}/status</c>: the task's status and live progress.</summary>
    public static async Task<IResult> StatusAsync(ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var (project, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
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

    /// <summary><c>GET tasks/{id}/result</c>: 200 with the report (or the error) when finished, 202 while it runs.</summary>
    public static async Task<IResult> ResultAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var (project, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var status = Lower(RuntimeStatusMap.ToEngine(project!.RuntimeStatus));
        if (!project.IsCompleted)
        {
            ProjectsApi.RetryAfter(http, api);
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

    /// <summary><c>DELETE tasks/{id}</c>: cancels the task (terminates the project); 410 when already finished.</summary>
    public static async Task<IResult> CancelAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var (project, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (project!.IsCompleted)
        {
            return ProblemDetailsDefaults.Gone($"Task '{id}' has already finished ({project.RuntimeStatus}).");
        }

        await api.Projects.CancelAsync(id, "cancelled through the API", cancellationToken).ConfigureAwait(false);
        ProjectsApi.RetryAfter(http, api);
        return TypedResults.Accepted($"{http.Request.PathBase}/api/tasks/{id}/status", new TaskResultResponse { TaskId = id, Status = "cancelling" });
    }

    private static string Lower(OrchestrationRuntimeStatus status) => status.ToString().ToLowerInvariant();
}
