using Nexus.Workflows.Model;

namespace Nexus.Workflows.Activities;

/// <summary>A real test run, as recorded: counts, failures and the tail of the log.</summary>
/// <param name="Summary">Counts and failing test names.</param>
/// <param name="Command">The command that ran.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="TimedOut">Whether it was killed at its time limit.</param>
/// <param name="Failures">Failing tests with their messages.</param>
/// <param name="LogTail">The end of the output (redacted).</param>
/// <param name="DurationSeconds">Wall time.</param>
public sealed record TestRunOutcome(
    TestSummary Summary, string Command, int ExitCode, bool TimedOut, IReadOnlyList<string> Failures, string LogTail, double DurationSeconds)
{
    /// <summary>What confined the test processes (<c>bubblewrap</c>, or <c>none (--unsandboxed)</c>); <see langword="null"/>
    /// in outcomes recorded before sandboxes existed.</summary>
    public string? Sandbox { get; init; }

    /// <summary>CPU seconds (user + system) of the test process tree; <see langword="null"/> where not measured.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Peak resident memory of the test process tree, MiB; <see langword="null"/> where not measured.</summary>
    public double? PeakMemoryMb { get; init; }

    /// <summary>The performance limits this run went beyond (the orchestration raises them).</summary>
    public IReadOnlyList<Model.ProjectAlert> Alerts { get; init; } = [];
}
