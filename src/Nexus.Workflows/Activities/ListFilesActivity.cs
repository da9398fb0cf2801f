using Nexus.Agents.Processes;
using Nexus.Durable.Activities;
using Nexus.Workflows.Hosting;

namespace Nexus.Workflows.Activities;

/// <summary>Lists the files tracked in the project's workspace at the end (for the final report).</summary>
internal sealed class ListFilesActivity(WorkflowServices services) : Activity<string, IReadOnlyList<string>>
{
    public const string Name = "ListFiles";

    public override async Task<IReadOnlyList<string>> RunAsync(ActivityContext context, string input)
    {
        var outcome = await new ProcessRunner().RunAsync(
            new ProcessSpec
            {
                FileName = "git",
                Arguments = ["ls-files"],
                WorkingDirectory = services.Options.WorkspaceDirectory(input),
                Timeout = TimeSpan.FromMinutes(1),
            },
            context.CancellationToken).ConfigureAwait(false);
        return outcome.ExitCode == 0
            ? [.. outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [];
    }
}
