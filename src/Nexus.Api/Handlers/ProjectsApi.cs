using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Api.Contracts;
using Nexus.Api.Errors;
using Nexus.Durable.Client;
using Nexus.Workflows.Orchestration;
using OrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;
using OrchestrationRuntimeStatus = Nexus.Durable.OrchestrationRuntimeStatus;

namespace Nexus.Api.Handlers;

/// <summary>Start, status and list of projects (the Durable Functions HTTP management semantics).</summary>
internal static class ProjectsApi
{
    /// <summary><c>POST projects</c>: 202 with Location, Retry-After and the management URIs; an <c>Idempotency-Key</c> makes a
    /// retry return the same project.</summary>
    public static async Task<IResult> StartAsync(HttpContext http, ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var (body, problem) = await JsonBody.ReadAsync<StartProjectBody>(http.Request, StartProjectBody.Expected, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (id, _) = await api.Starter.StartAsync(body!.ToRequest(), body.Id, IdempotencyKey(http), http.User, cancellationToken).ConfigureAwait(false);
        var management = ProjectResponses.Management(http.Request, id, api.Options);
        RetryAfter(http, api);
        return TypedResults.Accepted(management.StatusQueryGetUri, management);
    }

    /// <summary><c>GET projects/{id}</c>: 202 while Pending/Running/Suspended, 200 when finished, 404 when unknown.</summary>
    public static async Task<IResult> GetAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var query = http.Request.Query;
        if (QueryValues.Bool(query, "showHistory", out var showHistory) is { } p1)
        {
            return p1;
        }

        if (QueryValues.Bool(query, "showHistoryOutput", out var showHistoryOutput) is { } p2)
        {
            return p2;
        }

        if (QueryValues.Bool(query, "showInput", out var showInput) is { } p3)
        {
            return p3;
        }

        var (project, problem) = await ProjectLookup.FindAsync(api.Projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (showHistory == true && !api.Projects.CanReadHistory)
        {
            return ProblemDetailsDefaults.BadRequest(
                "showHistory: this host's client cannot read histories; the Durable Functions webhook serves them (runtime/webhooks/durabletask/instances/{id}?showHistory=true).");
        }

        var history = showHistory == true ? await api.Projects.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false) : null;
        var status = ProjectResponses.Status(project!, showInput ?? true, history, showHistoryOutput == true);
        if (project!.IsCompleted)
        {
            return TypedResults.Ok(status);
        }

        RetryAfter(http, api);
        return TypedResults.Accepted(ProjectResponses.StatusUri(http.Request, id), status);
    }

    /// <summary><c>GET projects</c>: by runtimeStatus, createdTimeFrom/To, instanceIdPrefix and search (id or description),
    /// <c>top</c> per page, <c>orderBy=createdTime|lastUpdatedTime|runtimeStatus|instanceId [asc|desc]</c> (in the store,
    /// across pages); the next page's token is in <c>x-ms-continuation-token</c>.</summary>
    public static async Task<IResult> ListAsync(HttpContext http, ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var query = http.Request.Query;
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in query["runtimeStatus"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var parsed) || int.TryParse(name, out _))
            {
                return ProblemDetailsDefaults.BadRequest($"runtimeStatus: '{name}' is not one of Pending, Running, Suspended, Completed, Failed, Terminated.");
            }

            statuses.Add(parsed);
        }

        if (QueryValues.Time(query, "createdTimeFrom", out var createdFrom) is { } p1)
        {
            return p1;
        }

        if (QueryValues.Time(query, "createdTimeTo", out var createdTo) is { } p2)
        {
            return p2;
        }

        if (QueryValues.Int(query, "top", out var top) is { } p3)
        {
            return p3;
        }

        var size = top ?? 100;
        if (size is < 1 or > 1000)
        {
            return ProblemDetailsDefaults.BadRequest("top: must be between 1 and 1000.");
        }

        var search = QueryValues.Text(query, "search");
        var orderBy = QueryValues.Text(query, "orderBy");
        if (ProjectSearch.Describe(search, orderBy) is { } invalid)
        {
            return ProblemDetailsDefaults.BadRequest(invalid);
        }

        var (order, descending) = ProjectSearch.StoreOrder(orderBy);
        var nexus = api.Projects.Durable as NexusDurableTaskClient;
        if (ProjectSearch.DescribeUnsupportedOrder(orderBy, nexus is not null) is { } unsupported)
        {
            return ProblemDetailsDefaults.BadRequest(unsupported);
        }

        var token = PageToken.Read(http.Request, api.Projects);
        var prefix = QueryValues.Text(query, "instanceIdPrefix");

        // Other orchestrations (agent conversations) share the store, so a page is filled from as many store pages as it takes;
        // each store page asks only for what is missing, so the token always continues right after the last item returned.
        var items = new List<ProjectStatusResponse>();
        do
        {
            var request = new OrchestrationQuery
            {
                Statuses = statuses.Count == 0 ? null : [.. statuses.Select(RuntimeStatusMap.ToSdk).Distinct()],
                CreatedFrom = createdFrom,
                CreatedTo = createdTo,
                InstanceIdPrefix = prefix,
                FetchInputsAndOutputs = true,
            };
            // An explicit order is NEXUS's store's (another client was refused above: it lists in its own order).
            var instances = orderBy is not null
                ? nexus!.GetAllInstancesAsync(request, order, descending)
                : api.Projects.Durable.GetAllInstancesAsync(request);
            var page = await FirstPageAsync(instances, token, size - items.Count, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Values
                .Where(i => string.Equals(i.Name, ProjectOrchestration.Name, StringComparison.OrdinalIgnoreCase))
                .Where(i => ProjectSearch.Matches(i, search))
                .Select(i => ProjectResponses.Status(i)));
            token = page.ContinuationToken;
        }
        while (token is not null && items.Count < size);

        if (token is not null)
        {
            http.Response.Headers[PageToken.Header] = token;
        }

        return TypedResults.Ok(items);
    }

    /// <summary>The <c>Idempotency-Key</c> header, or <see langword="null"/>.</summary>
    public static string? IdempotencyKey(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Headers.TryGetValue("Idempotency-Key", out var values) ? values.ToString() : null;
    }

    /// <summary>Sets <c>Retry-After</c> on a 202.</summary>
    public static void RetryAfter(HttpContext http, ApiContext api)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        http.Response.Headers.RetryAfter = api.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<Page<OrchestrationMetadata>> FirstPageAsync(
        AsyncPageable<OrchestrationMetadata> pageable, string? token, int pageSize, CancellationToken cancellationToken)
    {
        await using var pages = pageable.AsPages(token, pageSize).GetAsyncEnumerator(cancellationToken);
        return await pages.MoveNextAsync().ConfigureAwait(false) ? pages.Current : new Page<OrchestrationMetadata>([], null);
    }
}
