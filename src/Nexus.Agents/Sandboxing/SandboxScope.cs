namespace Nexus.Agents.Sandboxing;

/// <summary>The folders one step's programs may use: where they write, their home, and the file that records them.</summary>
public sealed record SandboxScope
{
    /// <summary>Folders the programs may change (the project's workspace, or a chat's copy of it). They must exist.</summary>
    public required IReadOnlyList<string> WritablePaths { get; init; }

    /// <summary>Folders or files inside <see cref="WritablePaths"/> the programs may read but never change, such as a
    /// workspace's <c>.git</c>: NEXUS runs git there outside the sandbox, so a hook, a filter or an option an agent planted
    /// in it would run with everything NEXUS can see. Those that do not exist are left out. Default: none.</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>The programs' <c>HOME</c> (the project's agent home, which also holds Claude Code's config folder); writable.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>Where the running program is recorded (<see cref="Processes.ProcessRecord"/>); <see langword="null"/>: not recorded.</summary>
    public string? RecordFile { get; init; }
}
