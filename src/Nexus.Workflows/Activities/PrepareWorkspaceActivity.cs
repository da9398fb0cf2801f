using Nexus.Agents.Workspaces;
using Nexus.Durable.Activities;
using Nexus.Workflows.Hosting;

namespace Nexus.Workflows.Activities;

/// <summary>Creates (or reopens) the project's git workspace and returns its current commit.</summary>
internal sealed class PrepareWorkspaceActivity(WorkflowServices services) : Activity<string, string>
{
    public const string Name = "PrepareWorkspace";

    public override async Task<string> RunAsync(ActivityContext context, string input)
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(services.Options.WorkspaceDirectory(input), cancellationToken: context.CancellationToken).ConfigureAwait(false);
        return await workspace.HeadAsync(context.CancellationToken).ConfigureAwait(false);
    }
}
