namespace Nexus.Agents.Processes;

/// <summary>How a process run ended.</summary>
/// <param name="ExitCode">The exit code; 128 + signal number when the process was killed by a signal (137 after a timeout kill).</param>
/// <param name="Stdout">Captured standard output, lines joined with <c>\n</c>, at most <see cref="ProcessSpec.OutputLimitBytes"/>.</param>
/// <param name="Stderr">Captured standard error, same rules as <paramref name="Stdout"/>.</param>
/// <param name="TimedOut"><see langword="true"/> when <see cref="ProcessSpec.Timeout"/> passed and the process tree was killed.</param>
/// <param name="OutputTruncated"><see langword="true"/> when either stream went over the output limit.</param>
/// <param name="Duration">Wall time from start to exit.</param>
public sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr, bool TimedOut, bool OutputTruncated, TimeSpan Duration)
{
    /// <summary>CPU time and peak memory of the process tree when <see cref="ProcessSpec.MeasureResources"/> asked for them
    /// (Linux only); <see langword="null"/> otherwise.</summary>
    public ProcessResources? Resources { get; init; }
}
