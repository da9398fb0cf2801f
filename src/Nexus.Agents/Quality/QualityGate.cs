using System.Globalization;
using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Quality;

/// <summary>The QA gate: measures a workspace (after a green test run) and checks the thresholds.</summary>
/// <remarks>
/// <para>JavaScript (Node) projects: line and branch coverage from Node's built-in test coverage
/// (<see cref="NodeCoverage"/>), run inside the step's sandbox exactly like a test run (allow-listed environment, no
/// secrets); cyclomatic complexity per function from <see cref="ComplexityCounter"/>, NEXUS's own counter, which reads
/// the files and runs nothing; the largest functions and files.</para>
/// <para>Other languages (Python, .NET, TypeScript, Go, Rust, …) are listed as not measured: the gate passes on what it
/// measured and says what it did not. Test files (under <c>test/</c>, <c>tests/</c>, <c>__tests__/</c>, or named
/// <c>*.test.*</c>, <c>*.spec.*</c>) are excluded from coverage and complexity; a source file that no test loads counts
/// with all its lines uncovered (Node itself reports only the files the tests loaded). Symbolic links and files over
/// <see cref="MaxFileBytes"/> are not read.</para>
/// </remarks>
public sealed class QualityGate
{
    /// <summary>The largest source file the complexity counter reads.</summary>
    public const int MaxFileBytes = 1 << 20;

    private static readonly TimeSpan CoverageTimeout = TimeSpan.FromMinutes(10);

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", ".git", "bin", "obj", ".venv", "venv", "__pycache__", "target", "dist", "build", "coverage", ".nexus",
    };

    private static readonly HashSet<string> TestFolders = new(StringComparer.Ordinal) { "test", "tests", "__tests__", "spec" };

    private static readonly Dictionary<string, string> OtherLanguages = new(StringComparer.Ordinal)
    {
        [".py"] = "Python",
        [".cs"] = ".NET (C#)",
        [".fs"] = ".NET (F#)",
        [".ts"] = "TypeScript",
        [".tsx"] = "TypeScript",
        [".go"] = "Go",
        [".rs"] = "Rust",
        [".java"] = "Java",
    };

    private readonly IProcessRunner _runner;

    /// <summary>Creates the gate; default runner: a <see cref="ProcessRunner"/>.</summary>
    public QualityGate(IProcessRunner? runner = null) => _runner = runner ?? new ProcessRunner();

    /// <summary>Measures <paramref name="workspaceDirectory"/> and checks <paramref name="thresholds"/>.</summary>
    /// <param name="workspaceDirectory">The workspace, at the commit whose tests passed.</param>
    /// <param name="thresholds">What the gate requires.</param>
    /// <param name="sandbox">Confines the coverage run (as the test run); <see langword="null"/>: unconfined (tests only).</param>
    /// <param name="cancellationToken">Stops the coverage run.</param>
    public async Task<QualityReport> MeasureAsync(
        string workspaceDirectory, QualityThresholds thresholds, IProcessSandbox? sandbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceDirectory);
        ArgumentNullException.ThrowIfNull(thresholds);
        var root = Path.GetFullPath(workspaceDirectory);
        var files = SourceFiles(root).ToList();
        var javascript = files.Where(f => IsJavaScript(f) && !IsTestFile(f)).ToList();
        var notMeasured = files
            .Select(f => OtherLanguages.GetValueOrDefault(Path.GetExtension(f)))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(language => $"{language}: coverage and complexity are not measured for this language (NEXUS measures JavaScript only).")
            .ToList();
        var problems = new List<string>();

        var functions = new List<FunctionComplexity>();
        var sizes = new List<SourceFileSize>();
        foreach (var file in javascript)
        {
            if (Read(root, file) is not { } source)
            {
                continue;
            }

            functions.AddRange(ComplexityCounter.Measure(file, source));
            sizes.Add(new SourceFileSize(file, source.Count(c => c == '\n') + (source.EndsWith('\n') || source.Length == 0 ? 0 : 1)));
        }

        IReadOnlyList<FileCoverage> coverage = [];
        string? command = null;
        if (javascript.Count > 0)
        {
            command = "node --test --experimental-test-coverage";
            var measured = await RunNodeCoverageAsync(root, sandbox, cancellationToken).ConfigureAwait(false);
            if (measured.Error is { } error)
            {
                problems.Add($"coverage could not be measured: {error}");
            }

            coverage = [.. (measured.Files ?? []).Where(f => !IsTestFile(f.File))];
            if (measured.Files is not null)
            {
                // Node reports only the files the tests loaded: a source file no test loads is not covered at all.
                var loaded = coverage.Select(f => f.File).ToHashSet(StringComparer.Ordinal);
                coverage = [.. coverage, .. sizes.Where(f => !loaded.Contains(f.File)).Select(f => new FileCoverage(f.File, f.Lines, 0, 0, 0, [.. Enumerable.Range(1, f.Lines)]))];
            }
        }

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
            CoverageCommand = command,
            LinePercent = linePercent,
            BranchPercent = branchPercent,
            Coverage = [.. coverage.OrderBy(f => f.LinePercent).ThenBy(f => f.File, StringComparer.Ordinal).Take(QualityReport.MaxListed)],
            FunctionsMeasured = functions.Count,
            OverLimit = overLimit,
            LargestFunctions = [.. functions.OrderByDescending(f => f.Lines).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).Take(QualityReport.MaxListed)],
            LargestFiles = [.. sizes.OrderByDescending(f => f.Lines).ThenBy(f => f.File, StringComparer.Ordinal).Take(QualityReport.MaxListed)],
            NotMeasured = notMeasured,
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
            || Path.GetFileNameWithoutExtension(name).EndsWith("_test", StringComparison.Ordinal);
    }

    private static bool IsJavaScript(string path) => Path.GetExtension(path) is ".js" or ".mjs" or ".cjs" or ".jsx";

    private async Task<(IReadOnlyList<FileCoverage>? Files, string? Error)> RunNodeCoverageAsync(string root, IProcessSandbox? sandbox, CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec
        {
            FileName = "node",
            Arguments = NodeCoverage.Arguments,
            WorkingDirectory = root,
            Environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CI"] = "true", ["NO_COLOR"] = "1", ["NODE_DISABLE_COLORS"] = "1" },
            InheritEnvironment = false,
            Timeout = CoverageTimeout,
        };
        ProcessOutcome outcome;
        try
        {
            outcome = await _runner.RunAsync(sandbox?.Apply(spec) ?? spec, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return (null, "node is not installed");
        }

        if (outcome.TimedOut)
        {
            return (null, $"the coverage run timed out after {CoverageTimeout.TotalMinutes:0} minutes");
        }

        var files = NodeCoverage.Parse(outcome.Stdout, root);
        if (outcome.ExitCode != 0)
        {
            return (files, $"the tests failed under coverage (exit code {outcome.ExitCode})");
        }

        return files is null ? (null, "node printed no coverage report (Node 20 or later is needed)") : (files, null);
    }

    private static IEnumerable<string> SourceFiles(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    if (!SkippedFolders.Contains(entry.Name))
                    {
                        pending.Push(entry.FullName);
                    }
                }
                else
                {
                    yield return Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                }
            }
        }
    }

    private static string? Read(string root, string file)
    {
        var info = new FileInfo(Path.Combine(root, file));
        return info.Exists && info.Length <= MaxFileBytes && info.LinkTarget is null ? File.ReadAllText(info.FullName) : null;
    }
}
