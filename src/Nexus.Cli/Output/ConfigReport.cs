namespace Nexus.Cli.Output;

/// <summary>The object <c>nexus config --json</c> prints: the effective configuration and where each value came from.</summary>
/// <param name="ConfigFile">The agent configuration file in use (full path), or <see langword="null"/>: the built-in agents only.</param>
/// <param name="ConfigChosenBy">How it was chosen: <c>--config</c>, <c>$NEXUS_CONFIG</c>, <c>the current directory</c>, or <c>none: built-in agents</c>.</param>
/// <param name="DataDirectory">The data directory (full path).</param>
/// <param name="DataDirectorySource"><c>--data</c>, <c>$NEXUS_DATA</c> or <c>default</c>.</param>
/// <param name="Store">The store: <c>sqlite PATH</c> or <c>postgres (schema NAME)</c> (never the connection string).</param>
/// <param name="Sandbox">How agents are confined: <c>bubblewrap</c>, <c>none (--unsandboxed)</c> or <c>unavailable</c>.</param>
/// <param name="SandboxDetail">What the sandbox check found.</param>
/// <param name="Credentials">Each provider variable and whether it is set (never its value).</param>
/// <param name="Agents">The agents in team order.</param>
/// <param name="Gates">The QA and Security gates new projects get (<c>qa</c>, <c>security</c>, <c>code_coverage_threshold</c>,
/// <c>complexity_threshold</c>), each with where it came from.</param>
/// <param name="Memory">Whether new projects use the memory across projects, and where that came from.</param>
/// <param name="MemoryStore">Where the memory is kept (never a connection string).</param>
/// <param name="Performance">The performance watch's limits (off unless set), each with where it came from.</param>
internal sealed record ConfigReport(
    string? ConfigFile,
    string ConfigChosenBy,
    string DataDirectory,
    string DataDirectorySource,
    string Store,
    string Sandbox,
    string SandboxDetail,
    IReadOnlyList<ConfigCredential> Credentials,
    IReadOnlyList<ConfigAgent> Agents,
    IReadOnlyDictionary<string, ConfigSetting> Gates,
    ConfigSetting Memory,
    string MemoryStore,
    IReadOnlyDictionary<string, ConfigSetting> Performance);
