using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Quality;

/// <summary>The QA gate's JavaScript path: coverage from Node's built-in test coverage (<see cref="NodeCoverage"/>),
/// complexity from <see cref="ComplexityCounter"/> (reads the files, runs nothing).</summary>
internal sealed class NodeMeasurer(IProcessRunner runner)
{
    /// <summary>The coverage command as the report shows it.</summary>
    public const string Command = "node --test --experimental-test-coverage";

    private static readonly Dictionary<string, string?> Environment = new(StringComparer.Ordinal)
    {
        ["CI"] = "true", ["NO_COLOR"] = "1", ["NODE_DISABLE_COLORS"] = "1",
    };

    /// <summary>Measures the JavaScript source files <paramref name="files"/> (tests excluded) of the workspace <paramref name="root"/>.</summary>
    public async Task<LanguageMeasurement> MeasureAsync(string root, IReadOnlyList<string> files, IProcessSandbox? sandbox, CancellationToken cancellationToken)
    {
        var functions = new List<FunctionComplexity>();
        var sizes = new List<SourceFileSize>();
        foreach (var file in files)
        {
            if (SourceTree.Read(root, file) is { } source)
            {
                functions.AddRange(ComplexityCounter.Measure(file, source));
                sizes.Add(new SourceFileSize(file, SourceTree.CountLines(source)));
            }
        }

        var problems = new List<string>();
        IReadOnlyList<FileCoverage>? measured = null;
        var outcome = await GateProcess.RunAsync(runner, "node", NodeCoverage.Arguments, root, Environment, sandbox, cancellationToken).ConfigureAwait(false);
        if (outcome is null)
        {
            problems.Add("coverage could not be measured: node is not installed");
        }
        else if (outcome.TimedOut)
        {
            problems.Add($"coverage could not be measured: {GateProcess.Failure(outcome)}");
        }
        else
        {
            measured = NodeCoverage.Parse(outcome.Stdout, root);
            if (GateProcess.Failure(outcome) is { } failure)
            {
                problems.Add($"coverage could not be measured: {failure}");
            }
            else if (measured is null)
            {
                problems.Add("coverage could not be measured: node printed no coverage report (Node 20 or later is needed)");
            }
        }

        IReadOnlyList<FileCoverage> coverage = [.. (measured ?? []).Where(f => !QualityGate.IsTestFile(f.File))];
        if (measured is not null)
        {
            // Node reports only the files the tests loaded: a source file no test loads is not covered at all.
            var loaded = coverage.Select(f => f.File).ToHashSet(StringComparer.Ordinal);
            coverage = [.. coverage, .. sizes.Where(f => !loaded.Contains(f.File)).Select(f => new FileCoverage(f.File, f.Lines, 0, 0, 0, [.. Enumerable.Range(1, f.Lines)]))];
        }

        return new LanguageMeasurement
        {
            Command = Command,
            Coverage = coverage,
            Functions = functions,
            Sizes = sizes,
            Tools =
            [
                $"JavaScript coverage: Node's built-in test coverage (`{Command}`), lines and branches",
                "JavaScript complexity: NEXUS's own tokenizer-based counter",
            ],
            Problems = problems,
        };
    }
}
