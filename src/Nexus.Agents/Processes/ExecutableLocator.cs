namespace Nexus.Agents.Processes;

/// <summary>Finds the file a <see cref="ProcessSpec.FileName"/> refers to, so a missing program fails fast with its name.</summary>
internal static class ExecutableLocator
{
    /// <summary>Returns the full path of the program, or throws <see cref="FileNotFoundException"/>.</summary>
    public static string Resolve(string fileName, string workingDirectory, string? pathVariable)
    {
        if (OperatingSystem.IsWindows())
        {
            return fileName; // PATHEXT rules are Process.Start's business there.
        }

        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            var fullPath = Path.GetFullPath(fileName, workingDirectory);
            return IsExecutableFile(fullPath)
                ? fullPath
                : throw new FileNotFoundException($"The program '{fileName}' does not exist or is not executable.", fileName);
        }

        foreach (var directory in (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, fileName);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new FileNotFoundException($"The program '{fileName}' was not found on PATH.", fileName);
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
