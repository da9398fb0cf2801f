using System.Buffers;

namespace Nexus.Agents.Testing;

/// <summary>A test command: the program, its arguments and how to read its output.</summary>
/// <param name="Framework">Decides which output parser is used.</param>
/// <param name="FileName">The program (looked up on <c>PATH</c>).</param>
/// <param name="Arguments">Its arguments, passed without a shell.</param>
public sealed record TestCommand(TestFramework Framework, string FileName, IReadOnlyList<string> Arguments)
{
    private static readonly SearchValues<char> _needsQuoting = SearchValues.Create(" \t\n'\"\\$`*?;&|<>()");

    /// <summary>The command as a person would type it (for results and logs).</summary>
    public string Display => Arguments.Count == 0 ? FileName : $"{FileName} {string.Join(' ', Arguments.Select(Quote))}";

    /// <summary>A configured command line, run through <c>sh -c</c>.</summary>
    public static TestCommand Shell(string commandLine)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandLine);
        return new TestCommand(TestFramework.Custom, "sh", ["-c", commandLine]);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.AsSpan().IndexOfAny(_needsQuoting) < 0
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
