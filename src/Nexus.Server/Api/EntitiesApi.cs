using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client.Entities;
using Nexus.Api.Contracts;
using Nexus.Api.Handlers;
using Nexus.Api.Errors;
using Nexus.Hosting;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Hosting;

namespace Nexus.Server.Api;

/// <summary>Read-only views of the durable entities the workflow keeps — agent sessions and scratchpads — through the
/// engine's entity client, a page at a time (the Durable Functions Monitor's entity list).</summary>
internal static class EntitiesApi
{
    /// <summary>The entities NEXUS keeps, by name.</summary>
    public static IReadOnlyList<string> Names { get; } = [AgentSessionEntity.EntityName, ScratchpadsEntity.EntityName];

    public static RouteGroupBuilder MapEntitiesApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/entities").WithTags("Entities")
            .MapGet("/", ListAsync).WithName("ListEntities")
            .WithSummary("Agent sessions and scratchpads: ?name=agentsession|scratchpads&projectId=…&top=…; the next page's token is in x-ms-continuation-token.");
        return api;
    }

    private static async Task<Results<Ok<List<EntityResponse>>, ProblemHttpResult>> ListAsync(
        string? name, string? projectId, int? top, string? continuationToken, HttpContext http, ProjectClient projects, CancellationToken cancellationToken)
    {
        if (name is not null && !Names.Contains(name, StringComparer.Ordinal))
        {
            return ProblemDetailsDefaults.BadRequest($"name: one of {string.Join(", ", Names)}.");
        }

        if (projectId is not null && !Nexus.Agents.Scratchpads.ProjectIds.IsValid(projectId))
        {
            return ProblemDetailsDefaults.BadRequest("projectId: a project id is 1–64 ASCII letters, digits, '_' or '-'.");
        }

        if (projectId is not null && name is null)
        {
            return ProblemDetailsDefaults.BadRequest("projectId: give the entity name too (agentsession or scratchpads).");
        }

        var size = top ?? 50;
        if (size is < 1 or > 1000)
        {
            return ProblemDetailsDefaults.BadRequest("top: must be between 1 and 1000.");
        }

        var token = http.Request.Headers[ProjectsApi.ContinuationHeader].ToString() is { Length: > 0 } header ? header : continuationToken;
        Nexus.Durable.Storage.ContinuationToken.Parse(token);

        // An agent session's key is "{project}:{agent}", the scratchpads' "{project}": the prefix keeps one project's own.
        var prefix = name is null ? null : projectId is null ? $"{name}@" : name == AgentSessionEntity.EntityName ? $"{name}@{projectId}:" : $"{name}@{projectId}";
        var items = new List<EntityResponse>();
        do
        {
            var query = new EntityQuery { InstanceIdStartsWith = prefix, IncludeState = true, PageSize = size - items.Count };
            await using var pages = projects.Durable.Entities.GetAllEntitiesAsync(query).AsPages(token, size - items.Count).GetAsyncEnumerator(cancellationToken);
            if (!await pages.MoveNextAsync().ConfigureAwait(false))
            {
                token = null;
                break;
            }

            items.AddRange(pages.Current.Values
                .Where(e => Names.Contains(e.Id.Name, StringComparer.Ordinal))
                .Where(e => name != ScratchpadsEntity.EntityName || projectId is null || e.Id.Key == projectId)
                .Select(ToResponse));
            token = pages.Current.ContinuationToken;
        }
        while (token is not null && items.Count < size);

        if (token is not null)
        {
            http.Response.Headers[ProjectsApi.ContinuationHeader] = token;
        }

        return TypedResults.Ok(items);
    }

    private static EntityResponse ToResponse(EntityMetadata entity)
    {
        JsonElement? state = null;
        if (entity.IncludesState && entity.State.Value is { } json)
        {
            using var document = JsonDocument.Parse(json);
            state = document.RootElement.Clone();
        }

        var key = entity.Id.Key;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return new EntityResponse
        {
            Name = entity.Id.Name,
            Key = key,
            ProjectId = colon < 0 ? key : key[..colon],
            LastModifiedTime = entity.LastModifiedTime,
            State = state,
        };
    }
}
