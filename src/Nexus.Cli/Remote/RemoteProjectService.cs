using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Nexus.Agents.Messaging;
using Nexus.Agents.Scratchpads;
using Nexus.Cli.Output;
using Nexus.Cli.Projects;
using Nexus.Durable;
using Nexus.Durable.History;
using Nexus.Api.Contracts;
using Nexus.Server.Queue;
using Nexus.Workflows.Live;
using Nexus.Workflows.Model;
using Nexus.Hosting;
using Nexus.Hosting.Kpis;

namespace Nexus.Cli.Remote;

/// <summary>The projects of a NEXUS host, through its HTTP API (<c>--server URL</c>): the projects API for reads and
/// control, the event stream for live views, <c>/api/queue</c> for submissions.</summary>
/// <remarks>404 on a project is "no such project" (<see langword="null"/> or <see cref="InstanceNotFoundException"/>, as the
/// local store answers); a refused start is <see cref="InstanceAlreadyExistsException"/> (409) or
/// <see cref="ArgumentException"/> (400); any other problem is a <see cref="ServerException"/> with its title and detail.</remarks>
internal sealed class RemoteProjectService(ServerConnection server, TimeProvider timeProvider) : IProjectService
{
    /// <summary>The page size of a list (the host's maximum).</summary>
    private const int PageSize = 1000;

    /// <summary>The host's address.</summary>
    public string Address => server.Display;

    public string Where => $"on {server.Display}";

    public string SameTarget => $" --server {server.Display}";

    public bool IsRemote => true;

    public TimeProvider TimeProvider => timeProvider;

    public string FilesOf(string projectId) => $"on the server at {server.Display}";

    public Task<string?> AnnounceLeaseWaitAsync(string projectId, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public async Task<ProjectView?> GetAsync(string projectId, CancellationToken cancellationToken = default) =>
        await server.GetAsync<ProjectStatusResponse>(ProjectPath(projectId), notFoundIsNull: true, cancellationToken) is { } status
            ? RemoteViews.View(status, null, FilesOf(projectId))
            : null;

    public async Task<DurableStatus?> GetDurableStatusAsync(string projectId, CancellationToken cancellationToken = default) =>
        await server.GetAsync<ProjectStatusResponse>(ProjectPath(projectId), notFoundIsNull: true, cancellationToken) is { } status
            ? RemoteViews.Durable(status)
            : null;

    public async Task<IReadOnlyList<ProjectView>> ListAsync(IReadOnlyCollection<OrchestrationRuntimeStatus> statuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var query = $"api/projects?top={PageSize}" + (statuses.Count > 0 ? $"&runtimeStatus={string.Join(',', statuses)}" : string.Empty);
        var views = new List<ProjectView>();
        string? token = null;
        do
        {
            var headers = token is null ? null : new Dictionary<string, string> { ["x-ms-continuation-token"] = token };
            using var response = await server.SendAsync(HttpMethod.Get, query, headers: headers, cancellationToken: cancellationToken);
            var page = await server.ReadAsync<List<ProjectStatusResponse>>(response, cancellationToken);
            views.AddRange(page.Select(s => RemoteViews.View(s, null, FilesOf(s.InstanceId))));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.FirstOrDefault() : null;
        }
        while (token is { Length: > 0 });
        return views;
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var status = await server.GetAsync<ProjectStatusResponse>(
            ProjectPath(projectId) + "?showHistory=true&showHistoryOutput=true&showInput=false", notFoundIsNull: true, cancellationToken) ?? throw NotFound(projectId);
        return [.. (status.HistoryEvents ?? []).Select(RemoteViews.History)];
    }

    public async Task<MemorySearchResponse> SearchMemoryAsync(string text, int limit, CancellationToken cancellationToken = default) =>
        await server.GetAsync<MemorySearchResponse>(
            string.Create(CultureInfo.InvariantCulture, $"api/memory?q={Uri.EscapeDataString(text)}&limit={limit}"), cancellationToken: cancellationToken)
        ?? throw new ServerException("the host answered /api/memory with nothing");

    public async Task<SystemKpis> GetKpisAsync(CancellationToken cancellationToken = default) =>
        await server.GetAsync<SystemKpis>("api/kpis", cancellationToken: cancellationToken) ?? throw new ServerException("the host answered /api/kpis with nothing");

    public async Task<IReadOnlyList<AgentSessionState>> GetAgentsAsync(string projectId, CancellationToken cancellationToken = default) =>
        await server.GetAsync<List<AgentSessionState>>(ProjectPath(projectId) + "/agents", notFoundIsNull: true, cancellationToken) ?? throw NotFound(projectId);

    public async Task<IReadOnlyList<Scratchpad>> GetScratchpadsAsync(string projectId, CancellationToken cancellationToken = default) =>
        await server.GetAsync<List<Scratchpad>>(ProjectPath(projectId) + "/scratchpads", notFoundIsNull: true, cancellationToken) ?? throw NotFound(projectId);

    public async Task<string> StartAsync(ProjectRequest request, string? projectId, CancellationToken cancellationToken = default)
    {
        using var response = await server.SendAsync(HttpMethod.Post, "api/projects", StartBody.From(request, projectId), cancellationToken: cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Conflict => throw await AlreadyExistsAsync(response, projectId, cancellationToken),
            HttpStatusCode.BadRequest => throw new ArgumentException(await DetailAsync(response, cancellationToken)),
            _ => (await server.ReadAsync<StartProjectResponse>(response, cancellationToken)).Id,
        };
    }

    public async Task RetryAsync(string projectId, RetryLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var body = new RetryProjectBody { MaxIterations = limits.MaxIterations, BudgetUsd = limits.BudgetUsd, MaxTokens = limits.MaxTokens };
        using var response = await server.SendAsync(HttpMethod.Post, $"{ProjectPath(projectId)}/retry", body, cancellationToken: cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                throw NotFound(projectId);
            case HttpStatusCode.Conflict:
                throw new ProjectNotRetryableException(await ServerConnection.ProblemDetailAsync(response, cancellationToken) ?? await DetailAsync(response, cancellationToken));
            case HttpStatusCode.BadRequest:
                throw new ArgumentException(await ServerConnection.ProblemDetailAsync(response, cancellationToken) ?? await DetailAsync(response, cancellationToken));
            case HttpStatusCode.Accepted:
                return;
            default:
                throw await server.FailureAsync(response, cancellationToken);
        }
    }

    public async Task RestartAsync(string projectId, CancellationToken cancellationToken = default)
    {
        using var response = await server.SendAsync(HttpMethod.Post, $"{ProjectPath(projectId)}/restart", null, cancellationToken: cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                throw NotFound(projectId);
            case HttpStatusCode.Conflict:
                throw new InstanceAlreadyExistsException(await ServerConnection.ProblemDetailAsync(response, cancellationToken) ?? await DetailAsync(response, cancellationToken))
                {
                    InstanceId = projectId,
                };
            case HttpStatusCode.BadRequest:
                throw new ArgumentException(await ServerConnection.ProblemDetailAsync(response, cancellationToken) ?? await DetailAsync(response, cancellationToken));
            case HttpStatusCode.Accepted:
                return;
            default:
                throw await server.FailureAsync(response, cancellationToken);
        }
    }

    public Task CancelAsync(string projectId, string reason, CancellationToken cancellationToken = default) =>
        PostAsync(projectId, $"{ProjectPath(projectId)}/terminate?reason={Uri.EscapeDataString(reason)}", null, cancellationToken);

    public async Task ApproveAsync(string projectId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        using var response = await server.SendAsync(HttpMethod.Post, $"{ProjectPath(projectId)}/events/{ApprovalDecision.EventName}", decision, cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw NotFound(projectId);
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // No gate waits (or another one does): the host's detail says which phase it is in.
            throw new NotWaitingForApprovalException(await ServerConnection.ProblemDetailAsync(response, cancellationToken) ?? await DetailAsync(response, cancellationToken));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await server.FailureAsync(response, cancellationToken);
        }
    }

    public async Task<int> PurgeAsync(string projectId, CancellationToken cancellationToken = default)
    {
        using var response = await server.SendAsync(HttpMethod.Delete, ProjectPath(projectId), cancellationToken: cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? throw NotFound(projectId)
            : (await server.ReadAsync<PurgeResponse>(response, cancellationToken)).InstancesDeleted;
    }

    // The first view comes from GET (it has the request); the rest from the event stream, without polling.
    public async IAsyncEnumerable<ProjectView> WatchAsync(string projectId, TimeSpan tick, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(projectId, cancellationToken) ?? throw NotFound(projectId);
        yield return view;
        if (view.RuntimeStatus.IsTerminal())
        {
            yield break;
        }

        await using var events = ProjectEventStream.Open(server, projectId, view.Request, FilesOf(projectId), timeProvider);
        while (!view.RuntimeStatus.IsTerminal())
        {
            view = await events.NextAsync(view, tick, cancellationToken);
            yield return view;
        }
    }

    public IAsyncEnumerable<LiveActivity> ActivityAsync(string projectId, CancellationToken cancellationToken = default) =>
        ProjectActivityStream.ReadAsync(server, projectId, cancellationToken);

    public async Task<SubmissionOutcome> SubmitAsync(TaskAssignment assignment, CancellationToken cancellationToken = default)
    {
        using var body = new StringContent(MessageJson.Serialize(assignment), Encoding.UTF8, "application/json");
        using var response = await server.SendAsync(HttpMethod.Post, "api/queue", body, cancellationToken: cancellationToken);
        var accepted = await server.ReadAsync<QueueAcceptedResponse>(response, cancellationToken);
        return new SubmissionOutcome(accepted.MessageId, accepted.Duplicate, accepted.State);
    }

    public Task<SubmissionRecord?> GetSubmissionAsync(string messageId, CancellationToken cancellationToken = default) =>
        server.GetAsync<SubmissionRecord>($"api/queue/{Uri.EscapeDataString(messageId)}", notFoundIsNull: true, cancellationToken);

    public ValueTask DisposeAsync()
    {
        server.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string ProjectPath(string projectId) => $"api/projects/{Uri.EscapeDataString(projectId)}";

    private InstanceNotFoundException NotFound(string projectId) => new($"no project with id '{projectId}' {Where}");

    private async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await server.DescribeAsync(response, cancellationToken);

    // The host's 409 names the id and its status as problem-details extensions (instanceId, runtimeStatus).
    private async Task<InstanceAlreadyExistsException> AlreadyExistsAsync(HttpResponseMessage response, string? projectId, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(response, cancellationToken);
        OrchestrationRuntimeStatus? status = null;
        string? id = projectId;
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("runtimeStatus", out var s) && s.ValueKind == JsonValueKind.String
                    && Enum.TryParse<OrchestrationRuntimeStatus>(s.GetString(), ignoreCase: true, out var parsed))
                {
                    status = parsed;
                }

                if (json.RootElement.TryGetProperty("instanceId", out var i) && i.ValueKind == JsonValueKind.String)
                {
                    id = i.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not problem details: the detail alone says it.
        }

        return new InstanceAlreadyExistsException(detail) { InstanceId = id, RuntimeStatus = status };
    }

    private async Task PostAsync(string projectId, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await server.SendAsync(HttpMethod.Post, path, body, cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw NotFound(projectId);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await server.FailureAsync(response, cancellationToken);
        }
    }
}
