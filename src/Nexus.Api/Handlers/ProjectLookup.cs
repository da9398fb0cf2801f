using Microsoft.AspNetCore.Http.HttpResults;
using Nexus.Agents.Scratchpads;
using Microsoft.DurableTask.Client;
using Nexus.Api.Errors;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Orchestration;
using Nexus.Hosting;

namespace Nexus.Api.Handlers;

/// <summary>Finds a project by id for an endpoint: 400 for an id that cannot be a project id, 404 when there is none.</summary>
internal static class ProjectLookup
{
    public static async Task<(OrchestrationMetadata? Project, ProblemHttpResult? Problem)> FindAsync(
        ProjectClient projects, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projects);
        if (!ProjectIds.IsValid(id))
        {
            return (null, ProblemDetailsDefaults.BadRequest("id: a project id is 1–64 ASCII letters, digits, '_' or '-'."));
        }

        var metadata = await projects.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return metadata is null || !string.Equals(metadata.Name, ProjectOrchestration.Name, StringComparison.OrdinalIgnoreCase)
            ? (null, ProblemDetailsDefaults.NotFound($"No project with id '{id}' exists."))
            : (metadata, null);
    }
}
