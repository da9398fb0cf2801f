namespace Nexus.Agents.Workspaces;

/// <summary>A <c>git</c> command failed (non-zero exit or timeout).</summary>
public sealed class GitCommandException : Exception
{
    /// <summary>Creates the exception for <paramref name="command"/>.</summary>
    public GitCommandException(string command, int exitCode, string error)
        : base($"'{command}' failed with exit code {exitCode}: {error.Trim()}")
    {
        Command = command;
        ExitCode = exitCode;
        Error = error;
    }

    /// <summary>The command line, for diagnostics (arguments joined with spaces).</summary>
    public string Command { get; }

    /// <summary>git's exit code (137 when it was killed at its timeout).</summary>
    public int ExitCode { get; }

    /// <summary>What git wrote to stderr.</summary>
    public string Error { get; }
}
