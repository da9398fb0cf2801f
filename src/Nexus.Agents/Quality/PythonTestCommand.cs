using System.Text.RegularExpressions;

namespace Nexus.Agents.Quality;

/// <summary>How the QA gate runs a Python project's tests under coverage.py: the module and arguments after
/// <c>python3 -m coverage run --branch -m</c>, taken from the project's test command.</summary>
/// <remarks>A plain test command — <c>python3 -m unittest …</c>, <c>python -m pytest …</c>, <c>pytest …</c> — is run with
/// its own arguments. Anything else (a script, a shell pipeline) cannot be run under coverage as it is; then pytest when
/// the project is set up for it (<c>conftest.py</c>, <c>pytest.ini</c>, a <c>[tool.pytest…]</c> section in
/// <c>pyproject.toml</c>), else <c>unittest discover</c>.</remarks>
public static partial class PythonTestCommand
{
    /// <summary>The module and its arguments for the project's tests.</summary>
    /// <param name="testCommand">The project's test command, or <see langword="null"/>.</param>
    /// <param name="workspaceDirectory">The workspace, for the pytest configuration files.</param>
    public static IReadOnlyList<string> ModuleArguments(string? testCommand, string workspaceDirectory)
    {
        ArgumentNullException.ThrowIfNull(workspaceDirectory);
        if (testCommand is { } command && !ShellSyntax().IsMatch(command))
        {
            var words = command.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 3 && Interpreter().IsMatch(words[0]) && words[1] == "-m" && words[2] is "unittest" or "pytest")
            {
                return words[2..];
            }

            if (words.Length >= 1 && words[0] is "pytest" or "py.test")
            {
                return ["pytest", .. words[1..]];
            }
        }

        return UsesPytest(workspaceDirectory) ? ["pytest"] : ["unittest", "discover"];
    }

    private static bool UsesPytest(string root) =>
        File.Exists(Path.Combine(root, "conftest.py"))
        || File.Exists(Path.Combine(root, "pytest.ini"))
        || (File.Exists(Path.Combine(root, "pyproject.toml")) && File.ReadAllText(Path.Combine(root, "pyproject.toml")).Contains("[tool.pytest", StringComparison.Ordinal));

    [GeneratedRegex(@"[;&|<>$`()'""\\\n]")]
    private static partial Regex ShellSyntax();

    [GeneratedRegex(@"^(.*/)?python(3(\.\d+)?)?$")]
    private static partial Regex Interpreter();
}
