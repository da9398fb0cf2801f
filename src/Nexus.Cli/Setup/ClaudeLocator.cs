namespace Nexus.Cli.Setup;

/// <summary>Finds the Claude Code CLI the way the claude backend does: <c>NEXUS_CLAUDE_PATH</c>, else <c>claude</c> on
/// <c>PATH</c>, else the repository-local install (<c>.tools/claude</c>) above the current or the program's folder.</summary>
internal sealed class ClaudeLocator(Func<string, string?> environment, IReadOnlyList<string> searchRoots)
{
    public const string PathVariable = "NEXUS_CLAUDE_PATH";

    private const string RepositoryLocal = ".tools/claude/node_modules/.bin/claude";

    /// <summary>With this process's environment and folders.</summary>
    public static ClaudeLocator ForThisProcess() =>
        new(Environment.GetEnvironmentVariable, [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    /// <summary>The executable and how it was found, or why there is none.</summary>
    public ClaudeLocation Locate()
    {
        if (environment(PathVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? new ClaudeLocation(configured, $"{PathVariable}")
                : new ClaudeLocation(null, $"{PathVariable} is set to '{configured}', which does not exist");
        }

        foreach (var directory in (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "claude.exe" : "claude");
            if (File.Exists(candidate))
            {
                return new ClaudeLocation(candidate, "PATH");
            }
        }

        foreach (var root in searchRoots)
        {
            for (var directory = new DirectoryInfo(root); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RepositoryLocal);
                if (File.Exists(candidate))
                {
                    return new ClaudeLocation(candidate, "repository-local install");
                }
            }
        }

        return new ClaudeLocation(null, "not on PATH, no .tools/claude install, NEXUS_CLAUDE_PATH not set");
    }
}
