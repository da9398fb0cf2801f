namespace Nexus.Agents.Testing;

/// <summary>What a real test run found. This is what the workflow records and what Prime decides on.</summary>
public sealed record TestRunResult
{
    /// <summary>The command that ran (empty when none was found).</summary>
    public required string Command { get; init; }

    /// <summary>How the output was read.</summary>
    public TestFramework Framework { get; init; }

    /// <summary>The command's exit code (137 when killed at the timeout; -1 when nothing ran).</summary>
    public required int ExitCode { get; init; }

    /// <summary>Tests that passed, or <see langword="null"/> when the output format was not recognized.</summary>
    public int? Passed { get; init; }

    /// <summary>Tests that failed (including errors), or <see langword="null"/> when the output format was not recognized.</summary>
    public int? Failed { get; init; }

    /// <summary>Tests skipped (or todo / expected failures), or <see langword="null"/> when unknown.</summary>
    public int? Skipped { get; init; }

    /// <summary>The failing tests with their messages (capped in number and length).</summary>
    public IReadOnlyList<TestFailure> Failures { get; init; } = [];

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>CPU time and peak memory of the test process tree (Linux); <see langword="null"/> where not measured.</summary>
    public Processes.ProcessResources? Resources { get; init; }

    /// <summary>The end of the combined output (stdout and stderr interleaved), redacted.</summary>
    public string Log { get; init; } = string.Empty;

    /// <summary><see langword="true"/> when the run hit its timeout and the process tree was killed.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Exit code 0, no timeout and no failures.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut && Failures.Count == 0 && (Failed ?? 0) == 0;
}
