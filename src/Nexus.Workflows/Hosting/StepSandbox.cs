using System.Text;
using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Workflows.Hosting;

/// <summary>The sandbox of one step of a project: its writable folders (their <c>.git</c> read-only), the project's agent
/// home, and the record of its process — after killing whatever an earlier attempt of the same step left running.</summary>
/// <remarks>A step that resets its workspace calls <see cref="KillEarlierAttempt"/> BEFORE the reset: an earlier attempt
/// still running after the reset could write into the clean tree, and that late write would land in this step's commit.</remarks>
internal static class StepSandbox
{
    /// <summary>Kills (and waits for) the process group an earlier attempt of <paramref name="stepKey"/> recorded, and
    /// removes its record. Returns when that attempt started its process, when one was recorded (an attempt that ends
    /// removes its record, so one that is left means that attempt was interrupted).</summary>
    public static DateTimeOffset? KillEarlierAttempt(WorkflowServices services, string projectId, string stepKey)
    {
        var record = new FileInfo(RecordPath(services.Options, projectId, stepKey));
        if (!record.Exists)
        {
            return null;
        }

        var started = new DateTimeOffset(record.LastWriteTimeUtc, TimeSpan.Zero);
        ProcessRecord.KillRecorded(record.FullName);
        return started;
    }

    /// <summary>Kills what an earlier attempt of <paramref name="stepKey"/> left running (if <see cref="KillEarlierAttempt"/>
    /// has not already), then returns the step's sandbox.</summary>
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

    /// <summary>The file that records the process of step <paramref name="stepKey"/> of a project.</summary>
    internal static string RecordPath(WorkflowOptions options, string projectId, string stepKey) =>
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
