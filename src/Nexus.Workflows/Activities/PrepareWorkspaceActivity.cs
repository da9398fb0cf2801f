using Nexus.Agents.Workspaces;
using Microsoft.DurableTask;
using Nexus.Workflows.Hosting;

namespace Nexus.Workflows.Activities;

/// <summary>Creates (or reopens) the project's git workspace and returns its current commit.</summary>
public sealed class PrepareWorkspaceActivity(WorkflowServices services, CancellationToken cancellation) : TaskActivity<string, string>
{
    public const string Name = "PrepareWorkspace";

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(services.Options.WorkspaceDirectory(input), cancellationToken: cancellation).ConfigureAwait(false);
        return await workspace.HeadAsync(cancellation).ConfigureAwait(false);
    }
}
