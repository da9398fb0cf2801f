using System.Text.Json;
using Microsoft.DurableTask.Client.Entities;
using Nexus.Agents.Scratchpads;
using Nexus.Api.Contracts;
using Nexus.Api.Errors;
using Nexus.Workflows.Entities;

namespace Nexus.Api.Handlers;

/// <summary>Read-only views of the durable entities the workflow keeps — agent sessions and scratchpads — through the
/// Durable Task client's entity client, a page at a time (the Durable Functions Monitor's entity list).</summary>
internal static class EntitiesApi
{
    private const int DefaultTop = 50;
    private const int MaxTop = 1000;

    /// <summary>The entities NEXUS keeps, by name.</summary>
    public static IReadOnlyList<string> Names { get; } = [AgentSessionEntity.EntityName, ScratchpadsEntity.EntityName];

    /// <summary><c>GET entities?name=agentsession|scratchpads&amp;projectId=…&amp;top=…</c>: the next page's token is in
    /// <c>x-ms-continuation-token</c>.</summary>
    public static async Task<IResult> ListAsync(HttpContext http, ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var query = http.Request.Query;
        var name = QueryValues.Text(query, "name");
        var projectId = QueryValues.Text(query, "projectId");
        if (name is not null && !Names.Contains(name, StringComparer.Ordinal))
        {
            return ProblemDetailsDefaults.BadRequest($"name: one of {string.Join(", ", Names)}.");
        }

        if (projectId is not null && !ProjectIds.IsValid(projectId))
        {
            return ProblemDetailsDefaults.BadRequest("projectId: a project id is 1–64 ASCII letters, digits, '_' or '-'.");
        }

        if (projectId is not null && name is null)
        {
            return ProblemDetailsDefaults.BadRequest("projectId: give the entity name too (agentsession or scratchpads).");
        }

        if (QueryValues.Int(query, "top", out var top) is { } notANumber)
        {
            return notANumber;
        }

        var size = top ?? DefaultTop;
        if (size is < 1 or > MaxTop)
        {
            return ProblemDetailsDefaults.BadRequest($"top: must be between 1 and {MaxTop}.");
        }

        var token = PageToken.Read(http.Request, api.Projects);

        // An agent session's key is "{project}:{agent}", the scratchpads' "{project}": the prefix keeps one project's own.
        var prefix = name is null ? null : projectId is null ? $"{name}@" : name == AgentSessionEntity.EntityName ? $"{name}@{projectId}:" : $"{name}@{projectId}";
        var items = new List<EntityResponse>();
        do
        {
            var request = new EntityQuery { InstanceIdStartsWith = prefix, IncludeState = true, PageSize = size - items.Count };
            await using var pages = api.Projects.Durable.Entities.GetAllEntitiesAsync(request).AsPages(token, size - items.Count).GetAsyncEnumerator(cancellationToken);
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
            http.Response.Headers[PageToken.Header] = token;
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
