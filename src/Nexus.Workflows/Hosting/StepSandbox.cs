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
        var record = RecordPath(options, projectId, stepKey);
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

    /// <summary>When an earlier attempt of <paramref name="stepKey"/> started the process it recorded, if one is recorded
    /// (an attempt that ends removes its record, so one that is left means that attempt was interrupted).</summary>
    public static DateTimeOffset? EarlierAttemptStarted(WorkflowServices services, string projectId, string stepKey)
    {
        var record = new FileInfo(RecordPath(services.Options, projectId, stepKey));
        return record.Exists ? new DateTimeOffset(record.LastWriteTimeUtc, TimeSpan.Zero) : null;
    }

    private static string RecordPath(WorkflowOptions options, string projectId, string stepKey) =>
        Path.Combine(options.ProcessRecordDirectory(projectId), FileNameOf(stepKey) + ".pid");

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
