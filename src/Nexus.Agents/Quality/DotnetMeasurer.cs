using System.Text.RegularExpressions;
using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Quality;

/// <summary>The QA gate's .NET (C#) path: the project's tests run with coverlet (<see cref="DotnetCoverage"/>, the test
/// project must reference <c>coverlet.collector</c>), line and branch coverage and cyclomatic complexity per method read
/// from its report; <c>dotnet</c> runs in the step's sandbox like the test run.</summary>
/// <remarks>Test projects are the <c>.csproj</c> files that reference a test framework (<c>Microsoft.NET.Test.Sdk</c>,
/// xunit, NUnit, MSTest) or say <c>&lt;IsTestProject&gt;true</c>; their folders are excluded from coverage and
/// complexity, as tests are for the other languages. NEXUS does not edit the project: without a <c>coverlet.collector</c>
/// reference (in the test project or a <c>Directory.Build.props</c>/<c>.targets</c> above it) the report says .NET was not
/// measured. A source file coverlet does not report (no executable code, or a project no test project references) is
/// listed as not measured.</remarks>
internal sealed partial class DotnetMeasurer(IProcessRunner runner)
{
    /// <summary>What is said when <c>dotnet</c> does not run.</summary>
    public const string NoDotnet = ".NET: not measured: dotnet is not installed";

    /// <summary>What is said when no test project references coverlet.collector.</summary>
    public const string NoCoverlet = ".NET coverage: not measured: the test project does not reference coverlet.collector";

    /// <summary>What is said when the workspace has no test project.</summary>
    public const string NoTestProject = ".NET coverage: not measured: there is no test project (a .csproj that references Microsoft.NET.Test.Sdk, xunit, NUnit or MSTest)";

    /// <summary>What is said of complexity when coverage was not measured.</summary>
    public const string NoComplexity = ".NET complexity: not measured: it is read from coverlet's report";

    private static readonly Dictionary<string, string?> Environment = new(StringComparer.Ordinal)
    {
        ["CI"] = "true", ["NO_COLOR"] = "1", ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1", ["DOTNET_CLI_UI_LANGUAGE"] = "en",
    };

    /// <summary>Measures the C# projects of the workspace <paramref name="root"/> (<paramref name="files"/>: all its files),
    /// running its tests as <paramref name="testCommand"/> does (<see cref="DotnetTestCommand"/>).</summary>
    public async Task<LanguageMeasurement> MeasureAsync(
        string root, IReadOnlyList<string> files, string? testCommand, IProcessSandbox? sandbox, CancellationToken cancellationToken)
    {
        var testProjects = files.Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && TestProject().IsMatch(SourceTree.Read(root, f) ?? string.Empty)).ToList();
        var testFolders = testProjects.Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/')).ToList();
        bool IsTest(string file) => QualityGate.IsTestFile(file) || testFolders.Any(folder => folder.Length == 0 || file.StartsWith(folder + "/", StringComparison.Ordinal));
        var sizes = SourceTree.Sizes(root, files.Where(f => Path.GetExtension(f) == ".cs" && !IsTest(f)));
        var probe = await GateProcess.RunAsync(runner, "dotnet", ["--version"], root, Environment, sandbox, cancellationToken).ConfigureAwait(false);
        if (probe is not { ExitCode: 0, TimedOut: false })
        {
            var reason = probe is null ? NoDotnet
                : probe.TimedOut ? ".NET: not measured: `dotnet --version` timed out"
                : $".NET: not measured: `dotnet --version` failed (exit code {probe.ExitCode}: {LastLine(probe.Stderr) ?? LastLine(probe.Stdout) ?? "no output"})";
            return new LanguageMeasurement { Sizes = sizes, NotMeasured = [reason] };
        }

        var arguments = DotnetTestCommand.Arguments(testCommand, testProjects);
        var named = DotnetTestCommand.Project(arguments) is { } project ? SourceTree.Relative(root, project) : null;
        var measured = testProjects.Where(p => named is null || p == named).ToList();
        var coverlet = measured.Select(p => CoverletVersion(root, p)).FirstOrDefault(v => v is not null);
        if (measured.Count == 0 || coverlet is null)
        {
            return new LanguageMeasurement { Sizes = sizes, NotMeasured = [measured.Count == 0 ? NoTestProject : NoCoverlet, NoComplexity] };
        }

        var command = DotnetCoverage.Command(arguments);
        var problems = new List<string>();
        var outcome = await GateProcess.RunAsync(runner, "sh", DotnetCoverage.Arguments(arguments), root, Environment, sandbox, cancellationToken).ConfigureAwait(false);
        var reports = outcome is null || outcome.TimedOut ? [] : DotnetCoverage.Reports(outcome.Stdout);
        var (coverage, functions) = DotnetCoverage.Parse(reports, root);
        if (outcome is null || GateProcess.Failure(outcome) is not null || reports.Count == 0)
        {
            problems.Add($"coverage could not be measured: {(outcome is null ? "sh is not installed" : GateProcess.Failure(outcome) ?? "coverlet wrote no report")}");
        }

        coverage = [.. coverage.Where(f => !IsTest(f.File))];
        var reported = coverage.Select(f => f.File).ToHashSet(StringComparer.Ordinal);
        var unreported = reports.Count == 0 ? [] : sizes.Select(f => f.File).Where(f => !reported.Contains(f)).ToList();
        return new LanguageMeasurement
        {
            Command = command,
            Coverage = coverage,
            Functions = [.. functions.Where(f => !IsTest(f.File))],
            Sizes = sizes,
            Tools =
            [
                $".NET coverage: coverlet.collector{(coverlet.Length > 0 ? " " + coverlet : string.Empty)} (`{command}`, .NET SDK {probe.Stdout.Trim().Split('\n')[^1].Trim()}), lines and branches",
                ".NET complexity: coverlet's IL branch points per method (1 + each branch point's outcomes less one; coverlet folds lambdas into their method)",
            ],
            NotMeasured = unreported.Count == 0 ? [] :
            [
                $".NET coverage: {unreported.Count} source file(s) not in coverlet's report (no executable code, or a project no test project references): {string.Join(", ", unreported.Take(QualityReport.MaxListed))}",
            ],
            Problems = problems,
        };
    }

    private static string? LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    // The coverlet.collector version the test project references (itself or a Directory.Build.props/.targets above it),
    // "" when referenced without a version; null when not referenced.
    private static string? CoverletVersion(string root, string project)
    {
        var folder = Path.GetDirectoryName(project) ?? string.Empty;
        var texts = new List<string?> { SourceTree.Read(root, project) };
        for (var current = folder; ; current = Path.GetDirectoryName(current) ?? string.Empty)
        {
            texts.Add(SourceTree.Read(root, Path.Combine(current, "Directory.Build.props")));
            texts.Add(SourceTree.Read(root, Path.Combine(current, "Directory.Build.targets")));
            if (current.Length == 0)
            {
                break;
            }
        }

        return texts.OfType<string>().Select(t => Coverlet().Match(t)).Where(m => m.Success).Select(m => m.Groups[1].Value).FirstOrDefault();
    }

    [GeneratedRegex(@"Include\s*=\s*""(?:Microsoft\.NET\.Test\.Sdk|xunit(?:\.v3)?|NUnit|MSTest(?:\.TestFramework|\.Sdk)?)""|<IsTestProject>\s*true", RegexOptions.IgnoreCase)]
    private static partial Regex TestProject();

    [GeneratedRegex(@"Include\s*=\s*""coverlet\.collector""(?:[^>]*?Version\s*=\s*""([^""]*)"")?", RegexOptions.IgnoreCase)]
    private static partial Regex Coverlet();
}
