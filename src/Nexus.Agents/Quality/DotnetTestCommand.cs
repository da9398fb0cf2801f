using System.Text.RegularExpressions;

namespace Nexus.Agents.Quality;

/// <summary>How the QA gate runs a .NET project's tests under coverlet: the arguments after <c>dotnet test</c>, taken from
/// the project's test command.</summary>
/// <remarks>A plain <c>dotnet test …</c> command is run with its own arguments (its project, solution or options). Anything
/// else (a script, a shell pipeline) cannot be run under coverage as it is; then the workspace's only test project, or,
/// with none or several, <c>dotnet test</c> alone (which finds the one project or solution file of the workspace's
/// top folder).</remarks>
public static partial class DotnetTestCommand
{
    /// <summary>The arguments after <c>dotnet test</c> for the project's tests.</summary>
    /// <param name="testCommand">The project's test command, or <see langword="null"/>.</param>
    /// <param name="testProjects">The workspace's test projects (workspace-relative <c>.csproj</c> paths).</param>
    public static IReadOnlyList<string> Arguments(string? testCommand, IReadOnlyList<string> testProjects)
    {
        ArgumentNullException.ThrowIfNull(testProjects);
        if (testCommand is { } command && !ShellSyntax().IsMatch(command))
        {
            var words = command.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && Dotnet().IsMatch(words[0]) && words[1] == "test")
            {
                return words[2..];
            }
        }

        return testProjects.Count == 1 ? [testProjects[0]] : [];
    }

    /// <summary>The project file the arguments name (<c>Api.Tests/Api.Tests.csproj</c>), or <see langword="null"/> when they
    /// name a solution, a folder or nothing.</summary>
    public static string? Project(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.FirstOrDefault(a => !a.StartsWith('-') && a.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)) is { } project
            ? project.Replace('\\', '/')
            : null;
    }

    [GeneratedRegex(@"[;&|<>$`()'""\\\n]")]
    private static partial Regex ShellSyntax();

    [GeneratedRegex(@"^(.*/)?dotnet$")]
    private static partial Regex Dotnet();
}
