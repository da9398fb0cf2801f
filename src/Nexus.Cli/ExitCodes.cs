namespace Nexus.Cli;

/// <summary>The exit codes of <c>nexus</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; for a project: it completed.</summary>
    public const int Success = 0;

    /// <summary>The project failed or was terminated, or the command could not do its work.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or input: unknown command or option, invalid value, unknown project id, no provider configured.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl-C or SIGTERM) and the project was left running to resume later.</summary>
    public const int Interrupted = 130;
}
