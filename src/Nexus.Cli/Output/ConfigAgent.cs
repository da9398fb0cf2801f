namespace Nexus.Cli.Output;

/// <summary>One agent of <c>nexus config</c>: its id, name and effective settings by field (snake_case, as the file names them).</summary>
internal sealed record ConfigAgent(string Id, string Name, IReadOnlyDictionary<string, ConfigSetting> Settings);
