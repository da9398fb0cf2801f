using Nexus.Agents.Processes;
using Microsoft.DurableTask;
using Nexus.Workflows.Hosting;

namespace Nexus.Workflows.Activities;

/// <summary>Lists the files tracked in the project's workspace at the end (for the final report).</summary>
public sealed class ListFilesActivity(WorkflowServices services, CancellationToken cancellation) : TaskActivity<string, IReadOnlyList<string>>
{
    public const string Name = "ListFiles";

    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, string input)
    {
        var outcome = await new ProcessRunner().RunAsync(
            new ProcessSpec
            {
                FileName = "git",
                Arguments = ["ls-files"],
                WorkingDirectory = services.Options.WorkspaceDirectory(input),
                Timeout = TimeSpan.FromMinutes(1),
            },
            cancellation).ConfigureAwait(false);
        return outcome.ExitCode == 0
            ? [.. outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [];
    }
}
