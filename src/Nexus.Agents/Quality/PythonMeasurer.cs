using System.Text.Json;
using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Quality;

/// <summary>The QA gate's Python path: coverage from coverage.py (<see cref="PythonCoverage"/>) and complexity from
/// NEXUS's ast-based counter (<see cref="PythonComplexity"/>), both run with <c>python3</c> in the step's sandbox.</summary>
/// <remarks>The interpreter is the first of <see cref="Interpreters"/> that can import <c>coverage</c> — the
/// <c>python3</c> on <c>PATH</c>, else Debian's <c>/usr/bin/python3</c>, where <c>python3-coverage</c> installs (a
/// pyenv or virtualenv <c>python3</c> first on <c>PATH</c> does not see it) — or, when none can, the first that runs,
/// for complexity alone. Without <c>python3</c> or without coverage.py the report says so; the gate does not fail for it.</remarks>
internal sealed class PythonMeasurer(IProcessRunner runner)
{
    /// <summary>The interpreters tried, in order.</summary>
    public static readonly IReadOnlyList<string> Interpreters = ["python3", "/usr/bin/python3"];

    /// <summary>What is said when no <c>python3</c> runs.</summary>
    public const string NoPython = "Python: not measured: python3 is not installed";

    /// <summary>What is said when no <c>python3</c> can import coverage.py.</summary>
    public const string NoCoverage = "Python coverage: not measured: python3-coverage is not installed";

    private const string Probe = """
        import json, sys
        try:
            import coverage
            version = coverage.__version__
        except Exception:
            version = None
        print(json.dumps({"python": "%d.%d.%d" % sys.version_info[:3], "coverage": version}))
        """;

    private static readonly Dictionary<string, string?> Environment = new(StringComparer.Ordinal)
    {
        ["CI"] = "true", ["NO_COLOR"] = "1", ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONIOENCODING"] = "utf-8",
    };

    /// <summary>Measures the Python source files <paramref name="files"/> (tests excluded) of the workspace
    /// <paramref name="root"/>, running its tests as <paramref name="testCommand"/> does (<see cref="PythonTestCommand"/>).</summary>
    public async Task<LanguageMeasurement> MeasureAsync(
        string root, IReadOnlyList<string> files, string? testCommand, IProcessSandbox? sandbox, CancellationToken cancellationToken)
    {
        var sizes = SourceTree.Sizes(root, files);
        var readable = sizes.Select(f => f.File).ToList();
        var (python, pythonVersion, coverageVersion) = await FindInterpreterAsync(root, sandbox, cancellationToken).ConfigureAwait(false);
        if (python is null)
        {
            return new LanguageMeasurement { Sizes = sizes, NotMeasured = [NoPython] };
        }

        var tools = new List<string>();
        var notMeasured = new List<string>();
        var problems = new List<string>();
        IReadOnlyList<FunctionComplexity> functions = [];
        var counted = await GateProcess.RunAsync(runner, python, PythonComplexity.Arguments(readable), root, Environment, sandbox, cancellationToken).ConfigureAwait(false);
        var (_, measured, errors) = counted is { ExitCode: 0 } ? PythonComplexity.Parse(counted.Stdout) : default;
        if (measured is null)
        {
            notMeasured.Add($"Python complexity: not measured: the ast counter failed ({Reason(counted)})");
        }
        else
        {
            functions = measured;
            tools.Add($"Python complexity: NEXUS's ast-based counter (Python {pythonVersion}'s `ast`; radon is not installable here)");
            notMeasured.AddRange(errors.Select(e => $"Python complexity: {e} (the file could not be parsed)"));
        }

        string? command = null;
        IReadOnlyList<FileCoverage> coverage = [];
        if (coverageVersion is null)
        {
            notMeasured.Add(NoCoverage);
        }
        else
        {
            var module = PythonTestCommand.ModuleArguments(testCommand, root);
            command = PythonCoverage.Command(module);
            var outcome = await GateProcess.RunAsync(runner, python, PythonCoverage.Arguments(readable, module), root, Environment, sandbox, cancellationToken).ConfigureAwait(false);
            var (version, report, error) = outcome is null || outcome.TimedOut ? default : PythonCoverage.Parse(outcome.Stdout, root);
            coverage = [.. (report ?? []).Where(f => !QualityGate.IsTestFile(f.File))];
            if (outcome is null || GateProcess.Failure(outcome) is not null || error is not null)
            {
                problems.Add($"coverage could not be measured: {(outcome is null ? $"{python} is not installed" : GateProcess.Failure(outcome) ?? error)}");
            }

            tools.Insert(0, $"Python coverage: coverage.py {version ?? coverageVersion} (`{command}`), statements and branches");
        }

        return new LanguageMeasurement
        {
            Command = command,
            Coverage = coverage,
            Functions = functions,
            Sizes = sizes,
            Tools = tools,
            NotMeasured = notMeasured,
            Problems = problems,
        };
    }

    private static string Reason(ProcessOutcome? outcome) =>
        outcome is null ? "python3 is not installed"
        : outcome.TimedOut ? "timed out"
        : $"exit code {outcome.ExitCode}: {outcome.Stderr.Trim().Split('\n')[^1]}";

    // The interpreter to run (the first that has coverage.py, else the first that runs), its version and coverage.py's.
    private async Task<(string? Python, string? Version, string? Coverage)> FindInterpreterAsync(
        string root, IProcessSandbox? sandbox, CancellationToken cancellationToken)
    {
        (string? Python, string? Version, string? Coverage) found = default;
        foreach (var interpreter in Interpreters)
        {
            if (Path.IsPathRooted(interpreter) && !File.Exists(interpreter))
            {
                continue;
            }

            var outcome = await GateProcess.RunAsync(runner, interpreter, ["-c", Probe], root, Environment, sandbox, cancellationToken).ConfigureAwait(false);
            if (outcome is not { ExitCode: 0, TimedOut: false } || outcome.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith('{')) is not { } line)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var version = json.RootElement.GetProperty("python").GetString();
            var coverage = json.RootElement.GetProperty("coverage").GetString();
            if (coverage is not null)
            {
                return (interpreter, version, coverage);
            }

            found = found.Python is null ? (interpreter, version, null) : found;
        }

        return found;
    }
}
