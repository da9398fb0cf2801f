using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Nexus.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Durable.Client;
using Nexus.Durable.Storage;
using OrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;
using OrchestrationRuntimeStatus = Nexus.Durable.OrchestrationRuntimeStatus;
using Nexus.Functions.Api.Contracts;
using Nexus.Functions.Errors;
using Nexus.Functions.Hosting;
using Microsoft.Extensions.Options;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Orchestration;

namespace Nexus.Functions.Api;

/// <summary>Start, status and list of projects (the Durable Functions HTTP management semantics).</summary>
internal static class ProjectsApi
{
    /// <summary>The paging header, as Durable Functions names it.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        projects.MapPost("/", StartAsync).WithName("StartProject")
            .WithSummary("Starts a project; 202 with Location, Retry-After and the management URIs. Idempotency-Key makes a retry return the same project.");
        projects.MapGet("/{id}", GetAsync).WithName("GetProject")
            .WithSummary("A project's status: 202 while Pending/Running/Suspended, 200 when finished, 404 when unknown.");
        projects.MapGet("/", ListAsync).WithName("ListProjects")
            .WithSummary("Lists projects by runtimeStatus, createdTimeFrom/To, instanceIdPrefix and search (id or description), top per page, orderBy createdTime [asc|desc]; the next page's token is in x-ms-continuation-token.");
        return api;
    }

    private static async Task<Results<Accepted<StartProjectResponse>, ProblemHttpResult>> StartAsync(
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

        var request = body.ToRequest();
        var (id, _) = await starter.StartAsync(request, body.Id, idempotencyKey, http.User, cancellationToken).ConfigureAwait(false);
        var management = ProjectResponses.Management(http.Request, id);
        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(management.StatusQueryGetUri, management);
    }

    private static async Task<Results<Ok<ProjectStatusResponse>, Accepted<ProjectStatusResponse>, ProblemHttpResult>> GetAsync(
        string id,
        bool? showHistory,
        bool? showHistoryOutput,
        bool? showInput,
        HttpContext http,
        ProjectClient projects,
        IOptions<NexusHostOptions> options,
        CancellationToken cancellationToken)
    {
        var (project, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var history = showHistory == true ? await projects.Durable.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false) : null;
        var status = ProjectResponses.Status(project!, showInput ?? true, history, showHistoryOutput == true);
        if (project!.IsCompleted)
        {
            return TypedResults.Ok(status);
        }

        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(ProjectResponses.StatusUri(http.Request, id), status);
    }

    private static async Task<Results<Ok<List<ProjectStatusResponse>>, ProblemHttpResult>> ListAsync(
        string? runtimeStatus,
        DateTimeOffset? createdTimeFrom,
        DateTimeOffset? createdTimeTo,
        string? instanceIdPrefix,
        int? top,
        string? continuationToken,
        string? search,
        string? orderBy,
        HttpContext http,
        ProjectClient projects,
        CancellationToken cancellationToken)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in (runtimeStatus ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var parsed) || int.TryParse(name, out _))
            {
                return ProblemDetailsDefaults.BadRequest($"runtimeStatus: '{name}' is not one of Pending, Running, Suspended, Completed, Failed, Terminated.");
            }

            statuses.Add(parsed);
        }

        var size = top ?? 100;
        if (size is < 1 or > 1000)
        {
            return ProblemDetailsDefaults.BadRequest("top: must be between 1 and 1000.");
        }

        if (ProjectSearch.Describe(search, orderBy) is { } invalid)
        {
            return ProblemDetailsDefaults.BadRequest(invalid);
        }

        var newestFirst = ProjectSearch.IsNewestFirst(orderBy);
        var token = http.Request.Headers[ContinuationHeader].ToString() is { Length: > 0 } header ? header : continuationToken;
        ContinuationToken.Parse(token);

        // Other orchestrations (agent conversations) share the store, so a page is filled from as many store pages as it takes;
        // each store page asks only for what is missing, so the token always continues right after the last item returned.
        var items = new List<ProjectStatusResponse>();
        do
        {
            var query = new OrchestrationQuery
            {
                Statuses = statuses.Count == 0 ? null : [.. statuses.Select(RuntimeStatusMap.ToSdk).Distinct()],
                CreatedFrom = createdTimeFrom,
                CreatedTo = createdTimeTo,
                InstanceIdPrefix = instanceIdPrefix,
                FetchInputsAndOutputs = true,
            };
            var page = await FirstPageAsync(projects.Durable.GetAllInstancesAsync(query, newestFirst), token, size - items.Count, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Values
                .Where(i => string.Equals(i.Name, ProjectOrchestration.Name, StringComparison.OrdinalIgnoreCase))
                .Where(i => ProjectSearch.Matches(i, search))
                .Select(i => ProjectResponses.Status(i)));
            token = page.ContinuationToken;
        }
        while (token is not null && items.Count < size);

        if (token is not null)
        {
            http.Response.Headers[ContinuationHeader] = token;
        }

        return TypedResults.Ok(items);
    }

    private static async Task<Page<OrchestrationMetadata>> FirstPageAsync(
        AsyncPageable<OrchestrationMetadata> pageable, string? token, int pageSize, CancellationToken cancellationToken)
    {
        await using var pages = pageable.AsPages(token, pageSize).GetAsyncEnumerator(cancellationToken);
        return await pages.MoveNextAsync().ConfigureAwait(false) ? pages.Current : new Page<OrchestrationMetadata>([], null);
    }
}
