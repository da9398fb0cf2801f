namespace Nexus.Cli.Commands;

/// <summary>Where NEXUS keeps its state: <c>--data</c>, else <c>$NEXUS_DATA</c>, else <c>./.nexus</c>.</summary>
internal static class DataDirectory
{
    public const string EnvironmentVariable = "NEXUS_DATA";

    public static string Resolve(string? option)
    {
        var chosen = !string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : ".nexus";
        return Path.GetFullPath(chosen);
    }
}
