using Nexus.Api;
using Nexus.Api.Contracts;
using Nexus.Api.Handlers;
using Nexus.Agents.Messaging;
using Nexus.Workflows.Model;

namespace Nexus.Server.Api;

/// <summary>Maps the shared handlers (Nexus.Api) as minimal-API endpoints under <c>/api</c>: the same handlers the Function
/// App calls from its HTTP triggers, on the same routes (<see cref="ApiRoutes"/>).</summary>
internal static class SharedApiEndpoints
{
    public static RouteGroupBuilder MapSharedApi(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup(string.Empty).WithTags("Projects");
        projects.MapPost(ApiRoutes.Projects, (HttpContext h, ApiContext a, CancellationToken ct) => ProjectsApi.StartAsync(h, a, ct))
            .WithName("StartProject").Accepts<StartProjectBody>("application/json").Produces<StartProjectResponse>(StatusCodes.Status202Accepted)
            .WithSummary("Starts a project; 202 with Location, Retry-After and the management URIs. Idempotency-Key makes a retry return the same project.");
        projects.MapGet(ApiRoutes.Project, (HttpContext h, ApiContext a, string id, CancellationToken ct) => ProjectsApi.GetAsync(h, a, id, ct))
            .WithName("GetProject").Produces<ProjectStatusResponse>().Produces<ProjectStatusResponse>(StatusCodes.Status202Accepted)
            .WithSummary("A project's status: 202 while Pending/Running/Suspended, 200 when finished, 404 when unknown.");
        projects.MapGet(ApiRoutes.Projects, (HttpContext h, ApiContext a, CancellationToken ct) => ProjectsApi.ListAsync(h, a, ct))
            .WithName("ListProjects").Produces<List<ProjectStatusResponse>>()
            .WithSummary("Lists projects by runtimeStatus, createdTimeFrom/To and instanceIdPrefix, top per page; the next page's token is in x-ms-continuation-token.");
        projects.MapPost(ApiRoutes.Terminate, (HttpContext h, ApiContext a, string id, CancellationToken ct) => ProjectControlApi.TerminateAsync(h, a, id, ct))
            .WithName("TerminateProject").WithSummary("Cancels a running project (its agent is stopped).");
        projects.MapPost(ApiRoutes.Suspend, (HttpContext h, ApiContext a, string id, CancellationToken ct) => ProjectControlApi.SuspendAsync(h, a, id, ct))
            .WithName("SuspendProject").WithSummary("Suspends a project: it takes no events until resumed.");
        projects.MapPost(ApiRoutes.Resume, (HttpContext h, ApiContext a, string id, CancellationToken ct) => ProjectControlApi.ResumeAsync(h, a, id, ct))
            .WithName("ResumeProject").WithSummary("Resumes a suspended project.");
        projects.MapPost(ApiRoutes.RaiseEvent, (HttpContext h, ApiContext a, string id, string name, CancellationToken ct) => ProjectControlApi.RaiseEventAsync(h, a, id, name, ct))
            .WithName("RaiseProjectEvent").Accepts<ApprovalDecision>("application/json")
            .WithSummary("Sends an event; 'approval' ({approved, feedback?, gate?}) answers the waiting plan gate (409 when none waits).");
        projects.MapDelete(ApiRoutes.Project, (ApiContext a, string id, CancellationToken ct) => ProjectControlApi.PurgeAsync(a, id, ct))
            .WithName("PurgeProject").Produces<PurgeResponse>().WithSummary("Deletes a finished project's history (200 {instancesDeleted}); 409 while it runs.");
        // A literal segment: endpoint routing ranks it above projects/{id}, whose methods are GET and DELETE anyway.
        projects.MapPost(ApiRoutes.PurgeProjects, (HttpContext h, ApiContext a, CancellationToken ct) => ProjectBulkPurgeApi.PurgeAsync(h, a, ct))
            .WithName("PurgeProjects").Accepts<BulkPurgeBody>("application/json").Produces<BulkPurgeResponse>()
            .WithSummary("Purges finished projects: {ids: [...]} or a filter {runtimeStatus, createdTimeFrom, createdTimeTo, instanceIdPrefix, search, olderThanDays}; running ones are never purged.");
        projects.MapPost(ApiRoutes.Retry, (HttpContext h, ApiContext a, string id, CancellationToken ct) => ProjectRetryApi.RetryAsync(h, a, id, ct))
            .WithName("RetryProject").Accepts<RetryProjectBody>("application/json").Produces<StartProjectResponse>(StatusCodes.Status202Accepted)
            .WithSummary("Continues a failed or terminated project from the step that did not finish; the body may raise its limits ({maxIterations?, budgetUsd?, maxTokens?}).");
        projects.MapPost(ApiRoutes.Restart, (HttpContext h, ApiContext a, string id, CancellationToken ct) => ProjectControlApi.RestartAsync(h, a, id, ct))
            .WithName("RestartProject").WithSummary("Starts a finished project again with the same id and request.");

        var artifacts = api.MapGroup(string.Empty).WithTags("Project artifacts");
        artifacts.MapGet(ApiRoutes.Scratchpads, (ApiContext a, string id, CancellationToken ct) => ProjectArtifactsApi.ScratchpadsAsync(a, id, ct))
            .WithName("ListScratchpads").WithSummary("The project's scratchpads that have been written.");
        artifacts.MapGet(ApiRoutes.Scratchpad, (ApiContext a, string id, string name, CancellationToken ct) => ProjectArtifactsApi.ScratchpadAsync(a, id, name, ct))
            .WithName("GetScratchpad").WithSummary("One scratchpad (Markdown and entries).");
        artifacts.MapGet(ApiRoutes.Commits, (ApiContext a, string id, CancellationToken ct) => ProjectArtifactsApi.CommitsAsync(a, id, ct))
            .WithName("ListCommits").WithSummary("The agents' commits in the workspace, oldest first.");
        artifacts.MapGet(ApiRoutes.Diff, (HttpContext h, ApiContext a, string id, CancellationToken ct) => ProjectArtifactsApi.DiffAsync(h, a, id, ct))
            .WithName("GetDiff").WithSummary("The unified diff between two commits (to: default the work tree).");
        artifacts.MapGet(ApiRoutes.ProjectAgents, (ApiContext a, string id, CancellationToken ct) => ProjectArtifactsApi.AgentsAsync(a, id, ct))
            .WithName("ListProjectAgents").WithSummary("The AgentSession state of every agent that took a turn.");

        api.MapGroup(string.Empty).WithTags("Entities")
            .MapGet(ApiRoutes.Entities, (HttpContext h, ApiContext a, CancellationToken ct) => EntitiesApi.ListAsync(h, a, ct))
            .WithName("ListEntities").Produces<List<EntityResponse>>()
            .WithSummary("Agent sessions and scratchpads: ?name=agentsession|scratchpads&projectId=…&top=…; the next page's token is in x-ms-continuation-token.");

        api.MapGroup(string.Empty).WithTags("System")
            .MapGet(ApiRoutes.Kpis, (ApiContext a, CancellationToken ct) => KpisApi.GetAsync(a, ct))
            .WithName("GetKpis").Produces<Nexus.Hosting.Kpis.SystemKpis>()
            .WithSummary("Completion rate, average response time per agent, uptime, cost and tokens per project and per agent.");
        api.MapGroup(string.Empty).WithTags("System")
            .MapGet(ApiRoutes.Memory, (HttpContext h, ApiContext a, CancellationToken ct) => MemoryApi.SearchAsync(h, a, ct))
            .WithName("SearchMemory").Produces<MemorySearchResponse>()
            .WithSummary("Searches what finished projects learned (plans, decisions, fixes, gate reports): ?q=…&limit=1–50 (default 10), best first; 400 without q.");

        var tasks = api.MapGroup(string.Empty).WithTags("Tasks (original API)");
        tasks.MapPost(ApiRoutes.TaskCreate, (HttpContext h, ApiContext a, CancellationToken ct) => TasksApi.CreateAsync(h, a, ct))
            .WithName("CreateTask").Accepts<StartProjectBody>("application/json").WithSummary("Alias of POST /api/projects (same body); 202 with the task id.");
        tasks.MapGet(ApiRoutes.TaskStatus, (ApiContext a, string id, CancellationToken ct) => TasksApi.StatusAsync(a, id, ct))
            .WithName("GetTaskStatus").WithSummary("The task's status and live progress.");
        tasks.MapGet(ApiRoutes.TaskResult, (HttpContext h, ApiContext a, string id, CancellationToken ct) => TasksApi.ResultAsync(h, a, id, ct))
            .WithName("GetTaskResult").WithSummary("200 with the report (or the error) when finished, 202 while it runs.");
        tasks.MapDelete(ApiRoutes.Task, (HttpContext h, ApiContext a, string id, CancellationToken ct) => TasksApi.CancelAsync(h, a, id, ct))
            .WithName("CancelTask").WithSummary("Cancels the task (terminates the project); 410 when already finished.");

        var agents = api.MapGroup(string.Empty).WithTags("Agents (original API)");
        agents.MapGet(ApiRoutes.AgentsStatus, (ApiContext a, CancellationToken ct) => AgentsApi.StatusAsync(a, ct))
            .WithName("GetAgentsStatus").WithSummary("Every agent of the team and the active projects it is working in.");
        agents.MapPost(ApiRoutes.AgentMessage, (HttpContext h, ApiContext a, string agentId, CancellationToken ct) => AgentsApi.MessageAsync(h, a, agentId, ct))
            .WithName("MessageAgent").Accepts<AgentMessageBody>("application/json")
            .WithSummary("A conversational turn with the agent in a project's context, recorded durably; returns the reply (502 when the agent cannot answer).");
        agents.MapGet(ApiRoutes.AgentSession, (HttpContext h, ApiContext a, string agentId, CancellationToken ct) => AgentsApi.SessionAsync(h, a, agentId, ct))
            .WithName("GetAgentSession").WithSummary("The agent's AgentSession state in a project (?projectId=).");

        api.MapGroup(string.Empty).WithTags("Submission queue")
            .MapPost(ApiRoutes.Queue, (HttpContext h, ApiContext a, CancellationToken ct) => QueueApi.EnqueueAsync(h, a, ct))
            .WithName("EnqueueSubmission").Accepts<TaskAssignment>("application/json")
            .WithSummary("Queues a task assignment; 202 when new, 200 when the message id was already received (nothing new is started).");
        return api;
    }
}
