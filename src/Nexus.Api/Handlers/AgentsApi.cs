using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Agents.Roles;
using Nexus.Agents.Scratchpads;
using Nexus.Durable;
using Nexus.Api.Contracts;
using Nexus.Api.Errors;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;
using Nexus.Hosting;

namespace Nexus.Api.Handlers;

/// <summary>The original agent endpoints: the team's status, a conversation turn with an agent, an agent's session.</summary>
internal static class AgentsApi
{
    /// <summary><c>GET agents/status</c>: every agent of the team and the active projects it is working in.</summary>
    public static async Task<IResult> StatusAsync(ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.Projects;
        var active = await projects.ListAsync([OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running], cancellationToken).ConfigureAwait(false);
        var catalog = AgentCatalog.BuiltIn;
        var team = new List<AgentStatusResponse>();
        foreach (var agentId in ProjectOrchestration.TeamOrder)
        {
            var busyIn = active
                .Where(p => p.Status?.Agents.TryGetValue(agentId, out var state) == true && state.Status == "running")
                .Select(p => p.Id)
                .ToList();
            var definition = catalog.TryGet(agentId, out var agent) ? agent : null;
            team.Add(new AgentStatusResponse(
                agentId, definition?.Name ?? agentId, definition?.Persona.Role ?? string.Empty, definition?.Backend ?? string.Empty, busyIn.Count > 0 ? "busy" : "idle", busyIn));
        }

        return TypedResults.Ok(team);
    }

    /// <summary><c>POST agents/{agentId}/message</c>: a conversational turn with the agent in a project's context, recorded
    /// durably; returns the reply (502 when the agent cannot answer).</summary>
    public static async Task<IResult> MessageAsync(HttpContext http, ApiContext api, string agentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.Projects;
        if (UnknownAgent(agentId) is { } unknown)
        {
            return unknown;
        }

        var (body, invalid) = await JsonBody.ReadAsync<AgentMessageBody>(http.Request, AgentMessageBody.Expected, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body?.ProjectId is null || string.IsNullOrWhiteSpace(body.Message))
        {
            return ProblemDetailsDefaults.BadRequest(AgentMessageBody.Expected);
        }

        var (_, problem) = await ProjectLookup.FindAsync(projects, body.ProjectId, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var reply = await projects.ChatAsync(body.ProjectId, agentId, body.Message, cancellationToken).ConfigureAwait(false);
        return reply.Succeeded
            ? TypedResults.Ok(reply)
            : ProblemDetailsDefaults.Problem(
                StatusCodes.Status502BadGateway, $"{agentId} did not answer: {reply.Error}", new Dictionary<string, object?> { ["chatId"] = reply.ChatId });
    }

    /// <summary><c>GET agents/{agentId}/session?projectId=</c>: the agent's AgentSession state in a project.</summary>
    public static async Task<IResult> SessionAsync(HttpContext http, ApiContext api, string agentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.Projects;
        var projectId = QueryValues.Text(http.Request.Query, "projectId");
        if (UnknownAgent(agentId) is { } unknown)
        {
            return unknown;
        }

        if (projectId is null)
        {
            return ProblemDetailsDefaults.BadRequest("projectId: the query parameter is required.");
        }

        var (_, problem) = await ProjectLookup.FindAsync(projects, projectId, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var entity = await projects.Durable.Entities.GetEntityAsync<AgentSessionState>(AgentSessionEntity.IdFor(projectId, agentId), includeState: true, cancellationToken).ConfigureAwait(false);
        return entity is null
            ? ProblemDetailsDefaults.NotFound($"{agentId} has not taken a turn in project '{projectId}' yet.")
            : TypedResults.Ok(entity.State);
    }

    private static ProblemHttpResult? UnknownAgent(string agentId) =>
        ProjectOrchestration.TeamOrder.Contains(agentId, StringComparer.Ordinal)
            ? null
            : ProblemDetailsDefaults.NotFound($"No agent '{(ScratchpadNames.IsValid(agentId) ? agentId : "?")}'; the team is {string.Join(", ", ProjectOrchestration.TeamOrder)}.");
}
