using System.Collections.Frozen;

namespace Nexus.Agents.Processes;

/// <summary>What to run, where, with which environment and within which limits.</summary>
public sealed record ProcessSpec
{
    /// <summary>The program: a bare name looked up on the child's <c>PATH</c>, or a path (relative paths are resolved against <see cref="WorkingDirectory"/>).</summary>
    public required string FileName { get; init; }

    /// <summary>Arguments, passed one by one (never through a shell string, so nothing needs quoting).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The directory the program starts in; it must exist.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Variables to set or override; a <see langword="null"/> value removes the variable. Default: none.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = FrozenDictionary<string, string?>.Empty;

    /// <summary>
    /// <see langword="true"/> (the default): the child starts from this process's environment.
    /// <see langword="false"/>: it starts from an empty environment except <c>PATH</c>, <c>HOME</c>, <c>LANG</c> and <c>TMPDIR</c>.
    /// </summary>
    public bool InheritEnvironment { get; init; } = true;

    /// <summary>Wall-time limit; when it passes the whole process tree is killed and the outcome says <see cref="ProcessOutcome.TimedOut"/>. Default: none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The most bytes (UTF-8) kept of each of stdout and stderr; the rest is dropped and <see cref="ProcessOutcome.OutputTruncated"/> set. Default 1 MiB.</summary>
    public int OutputLimitBytes { get; init; } = 1 << 20;

    /// <summary>Called with each stdout line as it arrives (without its line ending), also for lines beyond the output limit.</summary>
    /// <remarks>Called on a pool thread. If it throws, it is not called again and <see cref="IProcessRunner.RunAsync"/> rethrows the exception once the process has ended.</remarks>
    public Action<string>? OnStdoutLine { get; init; }

    /// <summary>Called with each stderr line as it arrives; same rules as <see cref="OnStdoutLine"/>.</summary>
    public Action<string>? OnStderrLine { get; init; }

    /// <summary>
    /// The program asks the kernel to kill it when this process dies (a sandbox started with <c>--die-with-parent</c>).
    /// The runner then starts it from a thread that lives as long as this process, because Linux delivers that signal when
    /// the starting THREAD ends, and pool threads come and go. Default <see langword="false"/>.
    /// </summary>
    public bool DieWithParent { get; init; }

    /// <summary>A file in which the runner records the running program (host, process group, start time) until it ends, so
    /// a later attempt of the same step can kill what an earlier one left running (<see cref="ProcessRecord.KillRecorded"/>).
    /// Default <see langword="null"/>: not recorded.</summary>
    public string? RecordFile { get; init; }

    /// <summary>Measure the CPU time and peak memory of the process tree while it runs (<see cref="ProcessOutcome.Resources"/>;
    /// Linux, sampled from <c>/proc</c> every <see cref="MeasureInterval"/>). Default <see langword="false"/>.</summary>
    public bool MeasureResources { get; init; }

    /// <summary>How often <see cref="MeasureResources"/> samples. Default 100 ms.</summary>
    public TimeSpan MeasureInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
