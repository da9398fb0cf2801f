using System.Text.Json;

namespace Nexus.Agents.Quality;

/// <summary>NEXUS's cyclomatic complexity counter for Python: an ast-based script (<c>Quality/Python/complexity.py</c>,
/// run with <c>python3</c>) that parses each file with the standard library's <c>ast</c> and counts the decision points
/// of every <c>def</c>, <c>async def</c> and <c>lambda</c>; the counting rules are in the script's docstring and follow
/// <see cref="ComplexityCounter"/>'s where Python has the construct.</summary>
/// <remarks>Radon, the usual Python tool, cannot be installed where NEXUS runs (no Debian package); the script is close
/// to radon's rules (it also counts loop and <c>try</c> <c>else</c> clauses and <c>assert</c>), not identical with them.
/// Nothing of the project is imported or executed.</remarks>
internal static class PythonComplexity
{
    private static readonly Lazy<string> Script = new(() => EmbeddedScript.Read("complexity.py"));

    /// <summary>The arguments after <c>python3</c>: the script and the workspace-relative files.</summary>
    public static IReadOnlyList<string> Arguments(IReadOnlyList<string> files) => ["-c", Script.Value, .. files];

    /// <summary>Reads the script's output: the Python version, the functions and the files that could not be parsed
    /// (<c>FILE: SyntaxError at line N</c>); <see langword="null"/> functions when the output is not the script's.</summary>
    public static (string? Python, IReadOnlyList<FunctionComplexity>? Functions, IReadOnlyList<string> Errors) Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            return (null, null, []);
        }

        using var json = JsonDocument.Parse(line);
        var report = json.RootElement;
        var functions = report.GetProperty("functions").EnumerateArray().Select(f => new FunctionComplexity(
            f.GetProperty("file").GetString()!,
            f.GetProperty("name").GetString()!,
            f.GetProperty("line").GetInt32(),
            f.GetProperty("end").GetInt32(),
            f.GetProperty("complexity").GetInt32())).ToList();
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("file").GetString()}: {e.GetProperty("error").GetString()}").ToList();
        return (report.GetProperty("python").GetString(), functions, errors);
    }
}
