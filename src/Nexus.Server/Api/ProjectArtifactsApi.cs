using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Workspaces;
using Nexus.Server.Api.Contracts;
using Nexus.Server.Errors;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;

namespace Nexus.Server.Api;

/// <summary>What a project produced: scratchpads, commits, diffs and its agents' sessions.</summary>
internal static partial class ProjectArtifactsApi
{
    public static RouteGroupBuilder MapProjectArtifactsApi(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Project artifacts");
        projects.MapGet("/{id}/scratchpads", ScratchpadsAsync).WithName("ListScratchpads").WithSummary("The project's scratchpads that have been written.");
        projects.MapGet("/{id}/scratchpads/{name}", ScratchpadAsync).WithName("GetScratchpad").WithSummary("One scratchpad (Markdown and entries).");
        projects.MapGet("/{id}/commits", CommitsAsync).WithName("ListCommits").WithSummary("The agents' commits in the workspace, oldest first.");
        projects.MapGet("/{id}/diff", DiffAsync).WithName("GetDiff").WithSummary("The unified diff between two commits (to: default the work tree).");
        projects.MapGet("/{id}/agents", AgentsAsync).WithName("ListProjectAgents").WithSummary("The AgentSession state of every agent that took a turn.");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<Scratchpad>>, ProblemHttpResult>> ScratchpadsAsync(string id, ProjectClient projects, CancellationToken cancellationToken)
    {
        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return problem is not null ? problem : TypedResults.Ok(await projects.GetScratchpadsAsync(id, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<Scratchpad>, ProblemHttpResult>> ScratchpadAsync(string id, string name, ProjectClient projects, CancellationToken cancellationToken)
    {
        if (!ScratchpadNames.IsValid(name))
        {
            return ProblemDetailsDefaults.BadRequest($"name: a scratchpad name is a lower-case letter then up to 63 lower-case letters, digits or '_' (built-in: {string.Join(", ", ScratchpadNames.BuiltIn)}).");
        }

        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var pad = (await projects.GetScratchpadsAsync(id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Name == name);
        return pad is null ? ProblemDetailsDefaults.NotFound($"Project '{id}' has no scratchpad '{name}' (yet).") : TypedResults.Ok(pad);
    }

    private static async Task<Results<Ok<IReadOnlyList<GitCommit>>, ProblemHttpResult>> CommitsAsync(string id, ProjectClient projects, CancellationToken cancellationToken)
    {
        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return problem is not null ? problem : TypedResults.Ok(await projects.GetCommitsAsync(id, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<DiffResponse>, ProblemHttpResult>> DiffAsync(string id, string? from, string? to, ProjectClient projects, CancellationToken cancellationToken)
    {
        // Only commit ids reach git: nothing a caller sends can become an option or a path.
        if (from is null || !CommitId().IsMatch(from) || (to is not null && !CommitId().IsMatch(to)))
        {
            return ProblemDetailsDefaults.BadRequest("from (required) and to (optional) must be commit ids: 4–40 hexadecimal digits.");
        }

        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
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

    private static async Task<Results<Ok<IReadOnlyList<AgentSessionState>>, ProblemHttpResult>> AgentsAsync(string id, ProjectClient projects, CancellationToken cancellationToken)
    {
        var (_, problem) = await ProjectLookup.FindAsync(projects, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return problem is not null ? problem : TypedResults.Ok(await projects.GetAgentsAsync(id, cancellationToken).ConfigureAwait(false));
    }

    [GeneratedRegex("^[0-9a-fA-F]{4,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitId();
}
