using Nexus.Api.Contracts;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Remote;

/// <summary>A project request as the body of a start (<c>POST /api/projects</c>) or the payload of a queued message: the
/// inverse of <see cref="StartProjectBody.ToRequest"/>.</summary>
internal static class StartBody
{
    public static StartProjectBody From(ProjectRequest request, string? projectId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new StartProjectBody
        {
            Description = request.Description,
            Id = projectId,
            Provider = request.Provider,
            Model = request.Model,
            MaxIterations = request.MaxIterations,
            BudgetUsd = request.BudgetUsd,
            MaxTokens = request.MaxTokens,
            ApprovePlan = request.ApprovePlan,
            TestCommand = request.TestCommand,
            Scenario = request.Scenario,
            Requirements = request.Requirements,
            Technology = request.Technology,
            Constraints = request.Constraints,
            Template = request.Template,
            Gates = request.GateChoice,
            Memory = request.Memory,
            ReplayDelaySeconds = request.ReplayDelay?.TotalSeconds,
        };
    }
}
