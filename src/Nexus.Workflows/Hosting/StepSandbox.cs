using System.Text;
using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Workflows.Hosting;

/// <summary>The sandbox of one step of a project: its writable folders (their <c>.git</c> read-only), the project's agent
/// home, and the record of its process — after killing whatever an earlier attempt of the same step left running.</summary>
internal static class StepSandbox
{
    /// <summary>Kills what an earlier attempt of <paramref name="stepKey"/> left running, then returns the step's sandbox.</summary>
    /// <exception cref="SandboxUnavailableException">No sandbox can start and the operator did not opt out.</exception>
    public static IProcessSandbox Create(WorkflowServices services, string projectId, string stepKey, params string[] writablePaths)
    {
        var options = services.Options;
        var home = Directory.CreateDirectory(options.AgentHomeDirectory(projectId)).FullName;
        var record = Path.Combine(options.ProcessRecordDirectory(projectId), FileNameOf(stepKey) + ".pid");
        ProcessRecord.KillRecorded(record);
        // NEXUS commits and resets the workspace with git outside the sandbox: its .git (config, hooks, attributes) stays NEXUS's.
        return services.Sandbox.Create(new SandboxScope
        {
            WritablePaths = writablePaths,
            ReadOnlyPaths = [.. writablePaths.Select(path => Path.Combine(path, ".git"))],
            HomeDirectory = home,
            RecordFile = record,
        });
    }

    /// <summary><c>iter-2/implement</c> → <c>iter-2_implement</c>: a step key as a file name.</summary>
    private static string FileNameOf(string stepKey)
    {
        var name = new StringBuilder(stepKey.Length);
        foreach (var c in stepKey)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        }

        return name.ToString();
    }
}
