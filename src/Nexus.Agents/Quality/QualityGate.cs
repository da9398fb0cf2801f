using System.Globalization;
using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Quality;

/// <summary>The QA gate: measures a workspace (after a green test run) and checks the thresholds.</summary>
/// <remarks>
/// <para>JavaScript (Node) projects: line and branch coverage from Node's built-in test coverage
/// (<see cref="NodeCoverage"/>); cyclomatic complexity per function from <see cref="ComplexityCounter"/>, NEXUS's own
/// counter, which reads the files and runs nothing (<see cref="NodeMeasurer"/>).</para>
/// <para>Python projects: statement and branch coverage from coverage.py (<see cref="PythonCoverage"/>, the tests run as
/// the project's test command runs them, <see cref="PythonTestCommand"/>); cyclomatic complexity per function from
/// NEXUS's ast-based counter (<see cref="PythonComplexity"/>) (<see cref="PythonMeasurer"/>). Without <c>python3</c> or
/// coverage.py, the report says what was not measured.</para>
/// <para>.NET (C#) projects (a <c>.csproj</c>, <c>.sln</c> or <c>.slnx</c>): the tests run as the project's
/// <c>dotnet test</c> command runs them, with coverlet (<c>--collect "XPlat Code Coverage"</c>; the test project must
/// reference <c>coverlet.collector</c>); line and branch coverage and cyclomatic complexity per method from coverlet's
/// report (<see cref="DotnetCoverage"/>, <see cref="DotnetMeasurer"/>); test projects' folders are excluded. Without
/// <c>dotnet</c> or the coverlet reference, the report says what was not measured.</para>
/// <para>Every tool runs inside the step's sandbox exactly like a test run (allow-listed environment, no secrets); the
/// largest functions and files are listed for every language. Other languages (F#, TypeScript, Go, Rust, …) are listed
/// as not measured: the gate passes on what it measured and says what it did not. Test files (under <c>test/</c>,
/// <c>tests/</c>, <c>__tests__/</c>, or named <c>*.test.*</c>, <c>*.spec.*</c>, <c>test_*</c>, <c>*_test.*</c>,
/// <c>conftest.py</c>) and a top-level <c>setup.py</c> are excluded from coverage and complexity; a source file that no
/// test loads counts with all its lines uncovered. Symbolic links and files over <see cref="MaxFileBytes"/> are not read.</para>
/// </remarks>
public sealed class QualityGate
{
    /// <summary>The largest source file the complexity counters read.</summary>
    public const int MaxFileBytes = 1 << 20;

    private static readonly HashSet<string> TestFolders = new(StringComparer.Ordinal) { "test", "tests", "__tests__", "spec" };

    private static readonly Dictionary<string, string> OtherLanguages = new(StringComparer.Ordinal)
    {
        [".cs"] = ".NET (C#)",
        [".fs"] = ".NET (F#)",
        [".ts"] = "TypeScript",
        [".tsx"] = "TypeScript",
        [".go"] = "Go",
        [".rs"] = "Rust",
        [".java"] = "Java",
    };

    private readonly NodeMeasurer _node;
    private readonly PythonMeasurer _python;
    private readonly DotnetMeasurer _dotnet;

    /// <summary>Creates the gate; default runner: a <see cref="ProcessRunner"/>.</summary>
    public QualityGate(IProcessRunner? runner = null)
    {
        runner ??= new ProcessRunner();
        _node = new NodeMeasurer(runner);
        _python = new PythonMeasurer(runner);
        _dotnet = new DotnetMeasurer(runner);
    }

    /// <summary>Measures <paramref name="workspaceDirectory"/> and checks <paramref name="thresholds"/>.</summary>
    /// <param name="workspaceDirectory">The workspace, at the commit whose tests passed.</param>
    /// <param name="thresholds">What the gate requires.</param>
    /// <param name="sandbox">Confines the measuring tools (as the test run); <see langword="null"/>: unconfined (tests only).</param>
    /// <param name="testCommand">The project's test command (how Python and .NET tests run under coverage); <see langword="null"/>: the default.</param>
    /// <param name="cancellationToken">Stops the coverage runs.</param>
    public async Task<QualityReport> MeasureAsync(
        string workspaceDirectory,
        QualityThresholds thresholds,
        IProcessSandbox? sandbox = null,
        string? testCommand = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceDirectory);
        ArgumentNullException.ThrowIfNull(thresholds);
        var root = Path.GetFullPath(workspaceDirectory);
        var all = SourceTree.Files(root).ToList();
        var files = all.Where(f => !IsTestFile(f) && f != "setup.py").ToList();
        var javascript = files.Where(IsJavaScript).ToList();
        var python = files.Where(f => Path.GetExtension(f) == ".py").ToList();
        var measurements = new List<LanguageMeasurement>();
        if (javascript.Count > 0)
        {
            measurements.Add(await _node.MeasureAsync(root, javascript, sandbox, cancellationToken).ConfigureAwait(false));
        }

        if (python.Count > 0)
        {
            measurements.Add(await _python.MeasureAsync(root, python, testCommand, sandbox, cancellationToken).ConfigureAwait(false));
        }

        var dotnet = all.Any(f => Path.GetExtension(f) is ".csproj" or ".sln" or ".slnx");
        if (dotnet)
        {
            measurements.Add(await _dotnet.MeasureAsync(root, all, testCommand, sandbox, cancellationToken).ConfigureAwait(false));
        }

        var others = all
            .Where(f => !dotnet || Path.GetExtension(f) != ".cs")
            .Select(f => OtherLanguages.GetValueOrDefault(Path.GetExtension(f)))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(language => $"{language}: coverage and complexity are not measured for this language (NEXUS measures JavaScript, Python and C#).");
        return Check(measurements, others, thresholds);
    }

    /// <summary>Adds up the <paramref name="measurements"/> and checks them against <paramref name="thresholds"/>.</summary>
    internal static QualityReport Check(IReadOnlyList<LanguageMeasurement> measurements, IEnumerable<string> others, QualityThresholds thresholds)
    {
        var problems = measurements.SelectMany(m => m.Problems).ToList();
        var coverage = measurements.SelectMany(m => m.Coverage).ToList();
        var functions = measurements.SelectMany(m => m.Functions).ToList();
        var sizes = measurements.SelectMany(m => m.Sizes).ToList();
        var commands = measurements.Select(m => m.Command).OfType<string>().ToList();

        double? linePercent = null, branchPercent = null;
        if (coverage.Count > 0)
        {
            linePercent = FileCoverage.Percent(coverage.Sum(f => f.CoveredLines), coverage.Sum(f => f.Lines));
            branchPercent = FileCoverage.Percent(coverage.Sum(f => f.CoveredBranches), coverage.Sum(f => f.Branches));
            if (linePercent < thresholds.MinLineCoverage)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"line coverage {linePercent:0.##} % is below {thresholds.MinLineCoverage:0.##} %"));
            }
        }

        var overLimit = functions.Where(f => f.Complexity > thresholds.MaxComplexity).OrderByDescending(f => f.Complexity).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ToList();
        if (overLimit.Count > 0)
        {
            problems.Add($"{overLimit.Count} function(s) over complexity {thresholds.MaxComplexity}");
        }

        return new QualityReport
        {
            Passed = problems.Count == 0,
            Thresholds = thresholds,
            CoverageCommand = commands.Count > 0 ? string.Join("; ", commands) : null,
            LinePercent = linePercent,
            BranchPercent = branchPercent,
            Coverage = [.. coverage.OrderBy(f => f.LinePercent).ThenBy(f => f.File, StringComparer.Ordinal).Take(QualityReport.MaxListed)],
            FunctionsMeasured = functions.Count,
            OverLimit = overLimit,
            LargestFunctions = [.. functions.OrderByDescending(f => f.Lines).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).Take(QualityReport.MaxListed)],
            LargestFiles = [.. sizes.OrderByDescending(f => f.Lines).ThenBy(f => f.File, StringComparer.Ordinal).Take(QualityReport.MaxListed)],
            Tools = [.. measurements.SelectMany(m => m.Tools)],
            NotMeasured = [.. measurements.SelectMany(m => m.NotMeasured), .. others],
            Problems = problems,
        };
    }

    /// <summary>Whether <paramref name="path"/> (workspace-relative, with <c>/</c>) is a test file.</summary>
    public static bool IsTestFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/');
        var name = parts[^1];
        return parts[..^1].Any(TestFolders.Contains)
            || name.Contains(".test.", StringComparison.Ordinal)
            || name.Contains(".spec.", StringComparison.Ordinal)
            || name.StartsWith("test-", StringComparison.Ordinal)
            || name.StartsWith("test.", StringComparison.Ordinal)
            || name.StartsWith("test_", StringComparison.Ordinal)
            || name == "conftest.py"
            || Path.GetFileNameWithoutExtension(name).EndsWith("_test", StringComparison.Ordinal);
    }

    private static bool IsJavaScript(string path) => Path.GetExtension(path) is ".js" or ".mjs" or ".cjs" or ".jsx";
}
