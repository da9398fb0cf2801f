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

    /// <summary>The QA gate's report (after a green run, when the project has the gate); otherwise <see langword="null"/>.</summary>
    public Nexus.Agents.Quality.QualityReport? Quality { get; init; }

    /// <summary>The Security gate's report (when the project has the gate); otherwise <see langword="null"/>.</summary>
    public Nexus.Agents.Security.SecurityReport? Security { get; init; }

    /// <summary>The gates' scratchpad entries (<c>qa_report</c>, <c>security_report</c>), stored by the orchestration; the
    /// journal keeps the outcome without them (the Scratchpads entity has them).</summary>
    public IReadOnlyList<Entities.ScratchpadWrite> Scratchpads { get; init; } = [];

    /// <summary>Whether the gates that ran passed (<see langword="true"/> when none ran).</summary>
    public bool GatesPassed => Quality?.Passed != false && Security?.Passed != false;

    /// <summary>CPU seconds (user + system) of the test process tree; <see langword="null"/> where not measured.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Peak resident memory of the test process tree, MiB; <see langword="null"/> where not measured.</summary>
    public double? PeakMemoryMb { get; init; }

    /// <summary>The performance limits this run went beyond (the orchestration raises them).</summary>
    public IReadOnlyList<Model.ProjectAlert> Alerts { get; init; } = [];
}
