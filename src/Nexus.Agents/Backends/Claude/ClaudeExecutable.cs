namespace Nexus.Agents.Backends.Claude;

/// <summary>Finds the <c>claude</c> executable the way <see cref="ClaudeCodeOptions.ExecutablePath"/> describes.</summary>
internal static class ClaudeExecutable
{
    /// <summary>What to tell a user whose machine has no <c>claude</c>.</summary>
    public const string InstallHint =
        "Install it with 'scripts/install-claude.sh' (into .tools/claude) or 'npm install -g @anthropic-ai/claude-code', " +
        "or set NEXUS_CLAUDE_PATH (or ClaudeCodeOptions.ExecutablePath) to the claude binary.";

    /// <summary>
    /// The configured path, else <c>NEXUS_CLAUDE_PATH</c>, else <c>claude</c> on <c>PATH</c>, else the repository-local
    /// install; <see langword="null"/> when none exists.
    /// </summary>
    public static string? Resolve(string? configuredPath, string? environmentPath, string? pathVariable, IEnumerable<string> searchRoots)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return configuredPath;
        }

        if (!string.IsNullOrWhiteSpace(environmentPath))
        {
            return environmentPath;
        }

        return FindOnPath("claude", pathVariable) ?? FindRepositoryLocal(searchRoots);
    }

    /// <summary>Resolves with this process's environment, searching up from the current directory and the application folder.</summary>
    public static string? Resolve(string? configuredPath) =>
        Resolve(
            configuredPath,
            System.Environment.GetEnvironmentVariable(ClaudeCodeOptions.ExecutablePathVariable),
            System.Environment.GetEnvironmentVariable("PATH"),
            [System.Environment.CurrentDirectory, AppContext.BaseDirectory]);

    private static string? FindOnPath(string name, string? pathVariable)
    {
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }

        foreach (var directory in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? FindRepositoryLocal(IEnumerable<string> searchRoots)
    {
        foreach (var root in searchRoots)
        {
            for (var directory = new DirectoryInfo(root); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, ClaudeCodeOptions.RepositoryLocalExecutable);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
