using System.Collections.Frozen;

namespace Nexus.Agents.Testing;

/// <summary>How a test run is done.</summary>
public sealed class TestRunOptions
{
    /// <summary>A command line to run through <c>sh -c</c> instead of detecting one. Default: <see langword="null"/> (detect).</summary>
    public string? Command { get; init; }

    /// <summary>Wall-time limit; the whole process tree is killed when it passes. Default: 10 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How much of the end of each of stdout and stderr is kept for parsing, in UTF-8 bytes. Default: 8 MiB.</summary>
    public int OutputLimitBytes { get; init; } = 8 << 20;

    /// <summary>How much of the end of the combined output goes into <see cref="TestRunResult.Log"/>. Default: 32 KiB.</summary>
    public int LogTailBytes { get; init; } = 32 << 10;

    /// <summary>
    /// Extra variables for the test process (a <see langword="null"/> value removes one), added to the allow-listed basics
    /// (<see cref="Sandboxing.AgentEnvironment"/>) and the quiet settings; nothing else of this process's environment is
    /// passed. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = FrozenDictionary<string, string?>.Empty;

    /// <summary>Where the test processes run: the project's sandbox (workspace writable, nothing else of the machine).
    /// Default <see langword="null"/>: unconfined, with the allow-listed environment (for library use and tests).</summary>
    public Sandboxing.IProcessSandbox? Sandbox { get; init; }
}
