namespace Nexus.Agents.Sandboxing;

/// <summary>The folders one step's programs may use: where they write, their home, and the file that records them.</summary>
public sealed record SandboxScope
{
    /// <summary>Folders the programs may change (the project's workspace, or a chat's copy of it). They must exist.</summary>
    public required IReadOnlyList<string> WritablePaths { get; init; }

    /// <summary>The programs' <c>HOME</c> (the project's agent home, which also holds Claude Code's config folder); writable.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>Where the running program is recorded (<see cref="Processes.ProcessRecord"/>); <see langword="null"/>: not recorded.</summary>
    public string? RecordFile { get; init; }
}
