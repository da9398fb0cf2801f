using System.Globalization;
using System.Text;

namespace Nexus.Agents.Quality;

/// <summary>What the QA gate measured in a workspace and whether it passes its thresholds (recorded with the test run).</summary>
public sealed record QualityReport
{
    /// <summary>How many files and functions a report lists at most in each table.</summary>
    public const int MaxListed = 10;

    /// <summary>Whether every measured value is within <see cref="Thresholds"/>. What was not measured does not fail the
    /// gate; it is listed in <see cref="NotMeasured"/>.</summary>
    public required bool Passed { get; init; }

    /// <summary>The thresholds the values were checked against.</summary>
    public required QualityThresholds Thresholds { get; init; }

    /// <summary>The coverage command that ran, or <see langword="null"/> when coverage was not measured.</summary>
    public string? CoverageCommand { get; init; }

    /// <summary>Line coverage of all measured source files (tests excluded), in percent; <see langword="null"/>: not measured.</summary>
    public double? LinePercent { get; init; }

    /// <summary>Branch coverage of all measured source files, in percent; <see langword="null"/>: not measured.</summary>
    public double? BranchPercent { get; init; }

    /// <summary>Per source file, least covered first (at most <see cref="MaxListed"/>).</summary>
    public IReadOnlyList<FileCoverage> Coverage { get; init; } = [];

    /// <summary>How many functions the complexity counter measured.</summary>
    public int FunctionsMeasured { get; init; }

    /// <summary>The functions above <see cref="QualityThresholds.MaxComplexity"/>, most complex first.</summary>
    public IReadOnlyList<FunctionComplexity> OverLimit { get; init; } = [];

    /// <summary>The longest functions (at most <see cref="MaxListed"/>).</summary>
    public IReadOnlyList<FunctionComplexity> LargestFunctions { get; init; } = [];

    /// <summary>The longest source files (at most <see cref="MaxListed"/>).</summary>
    public IReadOnlyList<SourceFileSize> LargestFiles { get; init; } = [];

    /// <summary>Which tool measured what, one line each (for example <c>Python coverage: coverage.py 6.5.0 (…)</c>).</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>What could not be measured and why (a language NEXUS does not measure, a tool that is missing).</summary>
    public IReadOnlyList<string> NotMeasured { get; init; } = [];

    /// <summary>Why the gate failed, one line each; empty when it passed.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Whether the coverage is below the threshold (work for the test writer).</summary>
    public bool CoverageTooLow => LinePercent is { } percent && percent < Thresholds.MinLineCoverage;

    /// <summary>The concrete work for Alpha: the uncovered lines of the least covered files.</summary>
    public string UncoveredWork() =>
        $"Line coverage is {Format(LinePercent)} %, below {Format(Thresholds.MinLineCoverage)} %. Add tests that run these lines: " +
        string.Join("; ", Coverage.Where(f => f.UncoveredLines.Count > 0).Select(f => $"{f.File} lines {Ranges(f.UncoveredLines)}")) + ".";

    /// <summary>The concrete work for Code: the functions over the complexity limit.</summary>
    public string ComplexityWork() =>
        $"Simplify or split these functions to a cyclomatic complexity of at most {Thresholds.MaxComplexity}: " +
        string.Join("; ", OverLimit.Select(f => $"{f.Name} ({f.File}:{f.Line}) has {f.Complexity}")) + ".";

    /// <summary>The report as the <c>qa_report</c> scratchpad shows it.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## QA gate: {(Passed ? "passed" : "failed")}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Thresholds: line coverage ≥ {Format(Thresholds.MinLineCoverage)} % of the source files (tests excluded), cyclomatic complexity ≤ {Thresholds.MaxComplexity} per function.\n");
        foreach (var problem in Problems)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **{problem}**\n");
        }

        text.Append("\n### Coverage\n\n");
        if (LinePercent is null)
        {
            text.Append("Not measured.\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"`{CoverageCommand}`: lines {Format(LinePercent)} %, branches {Format(BranchPercent)} %.\n\n");
            text.Append("| file | lines | line % | branch % | uncovered lines |\n|---|---:|---:|---:|---|\n");
            foreach (var file in Coverage)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {file.File} | {file.Lines} | {Format(file.LinePercent)} | {Format(file.BranchPercent)} | {Ranges(file.UncoveredLines)} |\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\n### Complexity ({FunctionsMeasured} functions)\n\n");
        text.Append(OverLimit.Count == 0
            ? $"No function is over {Thresholds.MaxComplexity}.\n"
            : string.Join('\n', OverLimit.Select(f => $"- over the limit: `{f.Name}` ({f.File}:{f.Line}), complexity {f.Complexity}")) + "\n");
        if (LargestFunctions.Count > 0)
        {
            text.Append("\nLargest functions: ").Append(string.Join(", ", LargestFunctions.Select(f => $"`{f.Name}` ({f.File}:{f.Line}, {f.Lines} lines, complexity {f.Complexity})"))).Append('\n');
        }

        if (LargestFiles.Count > 0)
        {
            text.Append("\nLargest files: ").Append(string.Join(", ", LargestFiles.Select(f => $"{f.File} ({f.Lines} lines)"))).Append('\n');
        }

        if (Tools.Count > 0)
        {
            text.Append("\n### Measured with\n\n").Append(string.Join('\n', Tools.Select(t => $"- {t}"))).Append('\n');
        }

        if (NotMeasured.Count > 0)
        {
            text.Append("\n### Not measured\n\n").Append(string.Join('\n', NotMeasured.Select(n => $"- {n}"))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary><c>3-5, 9</c>: line numbers as ranges.</summary>
    public static string Ranges(IReadOnlyList<int> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var parts = new List<string>();
        for (var i = 0; i < lines.Count;)
        {
            var end = i;
            while (end + 1 < lines.Count && lines[end + 1] == lines[end] + 1)
            {
                end++;
            }

            parts.Add(end == i ? lines[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{lines[i]}-{lines[end]}"));
            i = end + 1;
        }

        return string.Join(", ", parts);
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}
