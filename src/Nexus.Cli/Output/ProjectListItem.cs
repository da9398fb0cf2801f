using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Output;

/// <summary>One project in <c>nexus list --json</c>.</summary>
internal sealed record ProjectListItem(
    string Id,
    OrchestrationRuntimeStatus RuntimeStatus,
    string? Phase,
    int Iterations,
    decimal CostUsd,
    string? Description,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime)
{
    public static ProjectListItem From(ProjectView view)
    {
        var result = ProjectResult.From(view);
        return new ProjectListItem(
            view.Id, view.RuntimeStatus, result.Phase, result.Iterations, result.CostUsd, view.Request?.Description, view.CreatedTime, view.LastUpdatedTime);
    }
}
