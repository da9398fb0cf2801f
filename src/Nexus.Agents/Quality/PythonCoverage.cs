using System.Text.Json;

namespace Nexus.Agents.Quality;

/// <summary>coverage.py (Debian's <c>python3-coverage</c>), run by a small driver (<c>Quality/Python/coverage_driver.py</c>):
/// <c>python3 -m coverage run --branch -m MODULE …</c>, then <c>python3 -m coverage json -o &lt;temporary file&gt; FILE…</c>,
/// and one line on stdout with the per-file counts, so nothing is parsed from a human-readable table and nothing is
/// written into the workspace.</summary>
/// <remarks>coverage.py counts statements, not text lines: a file's <see cref="FileCoverage.Lines"/> are its executable
/// statements (a statement over several lines counts once, at its first line); its branches are the arcs of every
/// decision (two for an <c>if</c>). The source files are named on the command line, so a file no test imports is reported
/// with all its statements missed.</remarks>
internal static class PythonCoverage
{
    /// <summary>The prefix of the line the driver prints.</summary>
    public const string Marker = "NEXUS-PYTHON-COVERAGE ";

    private static readonly Lazy<string> Driver = new(() => EmbeddedScript.Read("coverage_driver.py"));

    /// <summary>The command as the report shows it.</summary>
    public static string Command(IReadOnlyList<string> module) => $"python3 -m coverage run --branch -m {string.Join(' ', module)}";

    /// <summary>The arguments after <c>python3</c>: the driver, the source files to report, the test module and its arguments.</summary>
    public static IReadOnlyList<string> Arguments(IReadOnlyList<string> files, IReadOnlyList<string> module) =>
        ["-c", Driver.Value, files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files, .. module];

    /// <summary>Reads the driver's line: coverage.py's version and the per-file coverage, paths relative to
    /// <paramref name="workspaceDirectory"/> (files outside it dropped); or why there is no report.</summary>
    public static (string? Version, IReadOnlyList<FileCoverage>? Files, string? Error) Parse(string output, string workspaceDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(workspaceDirectory);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (line is null)
        {
            return (null, null, "coverage.py printed no report");
        }

        using var json = JsonDocument.Parse(line[Marker.Length..]);
        var report = json.RootElement;
        if (report.TryGetProperty("error", out var error))
        {
            return (null, null, error.GetString());
        }

        var root = Path.GetFullPath(workspaceDirectory);
        var files = new List<FileCoverage>();
        foreach (var file in report.GetProperty("files").EnumerateArray())
        {
            if (SourceTree.Relative(root, file.GetProperty("path").GetString() ?? string.Empty) is not { } relative)
            {
                continue;
            }

            files.Add(new FileCoverage(
                relative,
                file.GetProperty("statements").GetInt32(),
                file.GetProperty("covered").GetInt32(),
                file.GetProperty("branches").GetInt32(),
                file.GetProperty("coveredBranches").GetInt32(),
                [.. file.GetProperty("missing").EnumerateArray().Select(n => n.GetInt32()).Order()]));
        }

        return (report.GetProperty("version").GetString(), files, null);
    }
}
