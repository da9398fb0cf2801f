namespace Nexus.Agents.Sandboxing;

/// <summary>How <see cref="SandboxProvider"/> confines agent processes and test runs.</summary>
public sealed class SandboxOptions
{
    /// <summary>
    /// Run agents and tests without a sandbox, confined only by the allow-listed environment. Default <see langword="false"/>:
    /// where no sandbox can start, agents are refused. Only an explicit choice of the operator (<c>--unsandboxed</c>,
    /// <c>NEXUS_UNSANDBOXED=1</c>) turns it on.
    /// </summary>
    public bool Unsandboxed { get; set; }

    /// <summary>Extra folders the sandboxed programs may read (toolchains outside the standard places). Default: none.</summary>
    public IList<string> ReadOnlyPaths { get; } = [];

    /// <summary>
    /// Folders that must never be visible inside the sandbox even when a toolchain folder contains them (the data
    /// directory with the store, the API key file and the other projects). Default: none.
    /// </summary>
    public IList<string> HiddenPaths { get; } = [];

    /// <summary>The <c>bwrap</c> program. Default <see langword="null"/>: <c>bwrap</c> on <c>PATH</c>.</summary>
    public string? BubblewrapPath { get; set; }
}
