namespace Nexus.Cli.Setup;

/// <summary>Where the Claude Code CLI is (<see langword="null"/>: nowhere) and how that was decided.</summary>
internal sealed record ClaudeLocation(string? Path, string Source)
{
    public bool Found => Path is not null;
}
