using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Workspaces;
using Nexus.Api.Contracts;
using Nexus.Api.Errors;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;

namespace Nexus.Api.Handlers;

/// <summary>What a project produced: scratchpads, commits, diffs and its agents' sessions.</summary>
internal static partial class ProjectArtifactsApi
{
    /// <summary><c>GET projects/{id}/scratchpads</c>: the project's scratchpads that have been written.</summary>
    public static async Task<IResult> ScratchpadsAsync(ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.Projects;
        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken).ConfigureAwait(false);
        return problem is not null ? problem : (IResult)TypedResults.Ok(await projects.GetScratchpadsAsync(id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>GET projects/{id}/scratchpads/{name}</c>: one scratchpad (Markdown and entries).</summary>
    public static async Task<IResult> ScratchpadAsync(ApiContext api, string id, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.Projects;
        if (!ScratchpadNames.IsValid(name))
        {
            return ProblemDetailsDefaults.BadRequest($"name: a scratchpad name is a lower-case letter then up to 63 lower-case letters, digits or '_' (built-in: {string.Join(", ", ScratchpadNames.BuiltIn)}).");
        }

        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var pad = (await projects.GetScratchpadsAsync(id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Name == name);
        return pad is null ? ProblemDetailsDefaults.NotFound($"Project '{id}' has no scratchpad '{name}' (yet).") : TypedResults.Ok(pad);
    }

    /// <summary><c>GET projects/{id}/commits</c>: the agents' commits in the workspace, oldest first.</summary>
    public static async Task<IResult> CommitsAsync(ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.Projects;
        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken).ConfigureAwait(false);
        return problem is not null ? problem : (IResult)TypedResults.Ok(await projects.GetCommitsAsync(id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>GET projects/{id}/diff?from=&amp;to=</c>: the unified diff between two commits (to: default the work tree).</summary>
    public static async Task<IResult> DiffAsync(HttpContext http, ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.Projects;
        var from = QueryValues.Text(http.Request.Query, "from");
        var to = QueryValues.Text(http.Request.Query, "to");
        // Only commit ids reach git: nothing a caller sends can become an option or a path.
        if (from is null || !CommitId().IsMatch(from) || (to is not null && !CommitId().IsMatch(to)))
        {
            return ProblemDetailsDefaults.BadRequest("from (required) and to (optional) must be commit ids: 4–40 hexadecimal digits.");
        }

        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(new DiffResponse(from, to, await projects.GetDiffAsync(id, from, to, cancellationToken).ConfigureAwait(false)));
        }
        catch (GitCommandException)
        {
            return ProblemDetailsDefaults.BadRequest($"from/to: not a commit of project '{id}'.");
        }
    }

    /// <summary><c>GET projects/{id}/agents</c>: the AgentSession state of every agent that took a turn.</summary>
    public static async Task<IResult> AgentsAsync(ApiContext api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.Projects;
        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken).ConfigureAwait(false);
        return problem is not null ? problem : (IResult)TypedResults.Ok(await projects.GetAgentsAsync(id, cancellationToken).ConfigureAwait(false));
    }

    [GeneratedRegex("^[0-9a-fA-F]{4,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitId();
}
