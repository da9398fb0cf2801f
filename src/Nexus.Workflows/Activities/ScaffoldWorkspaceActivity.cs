using Microsoft.DurableTask;
using Nexus.Agents.Security;
using Nexus.Agents.Workspaces;
using Nexus.Workflows.Hosting;

namespace Nexus.Workflows.Activities;

/// <summary>Copies a template's scaffold into the project's workspace as its first commit (authored by NEXUS).</summary>
/// <remarks>Idempotent: a workspace whose history already has the scaffold commit (the activity ran before a crash, or the
/// project is retried) is left as it is. The files pass the same confinement as agents' edits and the same secret scan as
/// every commit.</remarks>
public sealed class ScaffoldWorkspaceActivity(WorkflowServices services, CancellationToken cancellation) : TaskActivity<ScaffoldInput, ScaffoldOutcome>
{
    /// <summary>The registered name.</summary>
    public const string Name = "ScaffoldWorkspace";

    /// <summary>The scaffold commit's message for <paramref name="template"/>.</summary>
    public static string CommitMessage(string template) => $"NEXUS: scaffold of template {template}";

    /// <inheritdoc/>
    public override async Task<ScaffoldOutcome> RunAsync(TaskActivityContext context, ScaffoldInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ct = cancellation;
        var message = CommitMessage(input.Template);
        var workspace = await GitWorkspace.OpenOrInitAsync(services.Options.WorkspaceDirectory(input.ProjectId), cancellationToken: ct).ConfigureAwait(false);
        var earlier = (await workspace.LogAsync(cancellationToken: ct).ConfigureAwait(false)).LastOrDefault(c => c.Message == message);
        if (earlier is not null)
        {
            return new ScaffoldOutcome(earlier.Id, message, await workspace.HeadAsync(ct).ConfigureAwait(false));
        }

        await workspace.ResetToAsync(input.StartCommit, ct).ConfigureAwait(false);
        new FileEditApplier(workspace.Directory).Apply([.. input.Files.Select(f => FileEdit.Write(f.Path, f.Content))], ct);
        var findings = services.Scanner.Scan(await workspace.StageAllAsync(ct).ConfigureAwait(false));
        if (findings.Count > 0)
        {
            await workspace.ResetToAsync(input.StartCommit, ct).ConfigureAwait(false);
            throw new InvalidOperationException($"the template {input.Template} was not copied: {SecretScanner.Describe(findings)}");
        }

        var commit = await workspace.CommitStagedAsync(GitWorkspace.NexusName, GitWorkspace.NexusEmail, message, ct).ConfigureAwait(false);
        return new ScaffoldOutcome(commit.CommitId, message, commit.CommitId);
    }
}
