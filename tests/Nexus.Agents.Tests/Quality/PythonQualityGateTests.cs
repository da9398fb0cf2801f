using Nexus.Agents.Processes;
using Nexus.Agents.Quality;
using Nexus.Agents.Sandboxing;
using Nexus.Agents.Tests.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Quality;

/// <summary>The QA gate on a small Python project with real coverage runs (coverage.py, Debian's python3-coverage) and
/// the real ast counter; coverage and complexity counted by hand.</summary>
public sealed class PythonQualityGateTests
{
    // 18 lines, 13 statements coverage.py counts (4-10, 13-18; the docstring is not a statement), 8 branches (the ifs at 5, 8, 14 and
    // the elif at 16, two arcs each). Complexity: total 1 + 2 ifs = 3 (lines 4-10); grade 1 + if + and + elif = 4 (13-18).
    private const string Pricing = """
        "Prices and grades."


        def total(prices, discount=0):
            if not prices:
                return 0
            amount = sum(prices)
            if discount:
                amount = amount * (100 - discount) / 100
            return round(amount, 2)


        def grade(score):
            if score >= 90 and score <= 100:
                return "A"
            elif score >= 75:
                return "B"
            return "C"

        """;

    // Runs 4, 13 (loading) and 5, 7, 8, 10: 6 of 13 statements; the arcs 5→7 and 8→10: 2 of 8 branches.
    private const string SomeTests = """
        import unittest

        import pricing


        class PricingTest(unittest.TestCase):
            def test_total(self):
                self.assertEqual(pricing.total([10, 20]), 30)

        """;

    // Every statement and every arc.
    private const string AllTests = SomeTests + """

            def test_total_of_nothing_and_a_discount(self):
                self.assertEqual(pricing.total([]), 0)
                self.assertEqual(pricing.total([10, 20], 10), 27.0)

            def test_grades(self):
                self.assertEqual([pricing.grade(s) for s in (95, 80, 50)], ["A", "B", "C"])

        """;

    private const string TestCommand = "python3 -m unittest discover -s tests -t . -v";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Measure_TestsMissAFunction_CoverageBelowThresholdNamesTheUncoveredLines()
    {
        using var workspace = Project(SomeTests);

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), testCommand: TestCommand, cancellationToken: Ct);

        report.Passed.ShouldBeFalse();
        report.LinePercent.ShouldBe(46.15); // 6 of 13 statements; the tests are not counted
        report.BranchPercent.ShouldBe(25); // 2 of 8 arcs
        report.Coverage.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.File.ShouldBe("pricing.py"),
            f => (f.Lines, f.CoveredLines, f.Branches, f.CoveredBranches).ShouldBe((13, 6, 8, 2)),
            f => f.UncoveredLines.ShouldBe([6, 9, 14, 15, 16, 17, 18]));
        report.CoverageTooLow.ShouldBeTrue();
        report.Problems.ShouldBe(["line coverage 46.15 % is below 80 %"]);
        report.UncoveredWork().ShouldContain("pricing.py lines 6, 9, 14-18");
        report.CoverageCommand.ShouldBe("python3 -m coverage run --branch -m unittest discover -s tests -t . -v");
        var markdown = report.ToMarkdown();
        markdown.ShouldContain("| pricing.py | 13 | 46.15 | 25 | 6, 9, 14-18 |");
        markdown.ShouldContain("- Python coverage: coverage.py ");
        markdown.ShouldContain("- Python complexity: NEXUS's ast-based counter");
        report.NotMeasured.ShouldBeEmpty();
    }

    [Fact]
    public async Task Measure_FullyTestedSimpleCode_Passes()
    {
        using var workspace = Project(AllTests);

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), testCommand: TestCommand, cancellationToken: Ct);

        report.Passed.ShouldBeTrue(string.Join("; ", report.Problems));
        report.LinePercent.ShouldBe(100);
        report.BranchPercent.ShouldBe(100);
        report.FunctionsMeasured.ShouldBe(2);
        report.OverLimit.ShouldBeEmpty();
        report.LargestFunctions.Select(f => (f.Name, f.Line, f.Lines, f.Complexity)).ShouldBe([("total", 4, 7, 3), ("grade", 13, 6, 4)]);
        report.LargestFiles.ShouldBe([new SourceFileSize("pricing.py", 18)]);
        report.Tools.Count.ShouldBe(2);
        report.Tools[0].ShouldStartWith("Python coverage: coverage.py ");
        report.Tools[0].ShouldEndWith(" (`python3 -m coverage run --branch -m unittest discover -s tests -t . -v`), statements and branches");
        report.Tools[1].ShouldStartWith("Python complexity: NEXUS's ast-based counter (Python ");
    }

    [Fact]
    public async Task Measure_FunctionOverTheComplexityLimit_FailsAndNamesIt()
    {
        using var workspace = Project(AllTests);

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(MinLineCoverage: 80, MaxComplexity: 3), testCommand: TestCommand, cancellationToken: Ct);

        report.Passed.ShouldBeFalse();
        report.CoverageTooLow.ShouldBeFalse();
        report.Problems.ShouldBe(["1 function(s) over complexity 3"]);
        report.OverLimit.Select(f => (f.Name, f.Line, f.Complexity)).ShouldBe([("grade", 13, 4)]);
        report.ComplexityWork().ShouldContain("grade (pricing.py:13) has 4");
    }

    [Fact]
    public async Task Measure_SourceFileNoTestImports_CountsWithAllItsStatementsMissed()
    {
        using var workspace = Project(AllTests);
        workspace.Write("unused.py", "LIMIT = 3\n\n\ndef twice(x):\n    return 2 * x\n");

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), cancellationToken: Ct);

        report.CoverageCommand.ShouldBe("python3 -m coverage run --branch -m unittest discover"); // no test command: unittest's default
        report.LinePercent.ShouldBe(81.25); // 13 of 16 statements
        var unused = report.Coverage[0];
        (unused.File, unused.Lines, unused.CoveredLines, unused.Branches).ShouldBe(("unused.py", 3, 0, 0));
        unused.UncoveredLines.ShouldBe([1, 4, 5]);
    }

    [Fact]
    public async Task Measure_InTheBubblewrapSandbox_MeasuresTheSameNumbers()
    {
        using var workspace = Project(SomeTests);
        using var home = new TestWorkspace();
        var path = Environment.GetEnvironmentVariable("PATH");
        var layout = HostLayout.Discover(path, Environment.GetEnvironmentVariable("HOME"), [], []);
        var sandbox = new BubblewrapSandbox(
            ExecutableLocator.Resolve("bwrap", "/", path ?? string.Empty), layout, new SandboxScope { WritablePaths = [workspace.Directory], HomeDirectory = home.Directory });

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), sandbox, TestCommand, Ct);

        report.NotMeasured.ShouldBeEmpty();
        (report.LinePercent, report.BranchPercent, report.FunctionsMeasured).ShouldBe((46.15, 25.0, 2));
        Directory.EnumerateFileSystemEntries(workspace.Directory, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ShouldNotContain(".coverage");
    }

    [Fact]
    public async Task Measure_NoCoveragePy_SaysSoAndStillMeasuresComplexity()
    {
        using var workspace = Project(SomeTests);

        var report = await new QualityGate(new WithoutCoverage()).MeasureAsync(workspace.Directory, new QualityThresholds(), testCommand: TestCommand, cancellationToken: Ct);

        report.Passed.ShouldBeTrue();
        report.LinePercent.ShouldBeNull();
        report.CoverageCommand.ShouldBeNull();
        report.NotMeasured.ShouldBe(["Python coverage: not measured: python3-coverage is not installed"]);
        report.FunctionsMeasured.ShouldBe(2);
        report.ToMarkdown().ShouldContain("- Python coverage: not measured: python3-coverage is not installed");
    }

    [Fact]
    public async Task Measure_NoPython_SaysSoWithoutFailing()
    {
        using var workspace = Project(SomeTests);

        var report = await new QualityGate(new WithoutPrograms()).MeasureAsync(workspace.Directory, new QualityThresholds(), testCommand: TestCommand, cancellationToken: Ct);

        report.Passed.ShouldBeTrue();
        report.NotMeasured.ShouldBe(["Python: not measured: python3 is not installed"]);
        report.FunctionsMeasured.ShouldBe(0);
        report.LargestFiles.ShouldBe([new SourceFileSize("pricing.py", 18)]);
    }

    private static TestWorkspace Project(string tests) =>
        new(("pricing.py", Pricing), ("tests/__init__.py", string.Empty), ("tests/test_pricing.py", tests), ("pyproject.toml", "[project]\nname = \"pricing\"\nversion = \"0.1.0\"\n"));

    // A python3 that runs but cannot import coverage: its probe says so; everything else runs for real.
    private sealed class WithoutCoverage : IProcessRunner
    {
        private readonly ProcessRunner _inner = new();

        public Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default) =>
            spec.Arguments is ["-c", var script] && script.Contains("coverage.__version__", StringComparison.Ordinal)
                ? Task.FromResult(new ProcessOutcome(0, "{\"python\": \"3.11.2\", \"coverage\": null}\n", string.Empty, false, false, TimeSpan.Zero))
                : _inner.RunAsync(spec, cancellationToken);
    }

    // A machine without the programs: starting one fails as the real runner fails for a missing program.
    private sealed class WithoutPrograms : IProcessRunner
    {
        public Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default) =>
            throw new FileNotFoundException($"{spec.FileName} is not installed", spec.FileName);
    }
}
