using Nexus.Agents.Quality;
using Nexus.Agents.Tests.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Quality;

/// <summary>The QA gate on a small Node project with real coverage runs (node --test --experimental-test-coverage).</summary>
public sealed class QualityGateTests
{
    // 14 lines; `divide` is lines 7-12.
    private const string Calc = "'use strict';\n\nfunction add(a, b) {\n  return a + b;\n}\n\nfunction divide(a, b) {\n  if (b === 0) {\n    throw new RangeError('division by zero');\n  }\n  return a / b;\n}\n\nmodule.exports = { add, divide };\n";

    private const string AddOnlyTest = "'use strict';\nconst test = require('node:test');\nconst assert = require('node:assert/strict');\nconst { add } = require('../src/calc');\n\ntest('adds', () => {\n  assert.equal(add(2, 3), 5);\n});\n";

    private const string FullTest = AddOnlyTest + "\ntest('divides', () => {\n  const { divide } = require('../src/calc');\n  assert.equal(divide(6, 3), 2);\n  assert.throws(() => divide(1, 0), RangeError);\n});\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Measure_TestsMissAFunction_CoverageBelowThresholdNamesTheUncoveredLines()
    {
        using var workspace = new TestWorkspace(("src/calc.js", Calc), ("test/calc.test.js", AddOnlyTest));

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), cancellationToken: Ct);

        report.Passed.ShouldBeFalse();
        report.LinePercent.ShouldBe(57.14); // 8 of 14 lines ran (node: 57.14 %); the test file is not counted
        report.BranchPercent.ShouldBe(100);
        report.Coverage.ShouldHaveSingleItem().UncoveredLines.ShouldBe([7, 8, 9, 10, 11, 12]);
        report.CoverageTooLow.ShouldBeTrue();
        report.Problems.ShouldBe(["line coverage 57.14 % is below 80 %"]);
        report.UncoveredWork().ShouldContain("src/calc.js lines 7-12");
        report.ToMarkdown().ShouldContain("| src/calc.js | 14 | 57.14 | 100 | 7-12 |");
    }

    [Fact]
    public async Task Measure_FullyTestedSimpleCode_Passes()
    {
        using var workspace = new TestWorkspace(("src/calc.js", Calc), ("test/calc.test.js", FullTest));

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), cancellationToken: Ct);

        report.Passed.ShouldBeTrue(string.Join("; ", report.Problems));
        report.LinePercent.ShouldBe(100);
        report.FunctionsMeasured.ShouldBe(2);
        report.OverLimit.ShouldBeEmpty();
        report.LargestFunctions.Select(f => (f.Name, f.Lines, f.Complexity)).ShouldBe([("divide", 6, 2), ("add", 3, 1)]);
        report.LargestFiles.ShouldBe([new SourceFileSize("src/calc.js", 14)]);
    }

    [Fact]
    public async Task Measure_FunctionOverTheComplexityLimit_FailsAndNamesIt()
    {
        using var workspace = new TestWorkspace(("src/calc.js", Calc), ("test/calc.test.js", FullTest));

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(MinLineCoverage: 80, MaxComplexity: 1), cancellationToken: Ct);

        report.Passed.ShouldBeFalse();
        report.CoverageTooLow.ShouldBeFalse();
        report.OverLimit.Select(f => (f.Name, f.Line, f.Complexity)).ShouldBe([("divide", 7, 2)]);
        report.ComplexityWork().ShouldContain("divide (src/calc.js:7) has 2");
    }

    [Fact]
    public async Task Measure_SourceFileNoTestLoads_CountsAsUncovered()
    {
        using var workspace = new TestWorkspace(("src/calc.js", Calc), ("src/unused.js", "module.exports = 1;\n"), ("test/calc.test.js", FullTest));

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), cancellationToken: Ct);

        report.LinePercent.ShouldBe(93.33); // 14 of 15 lines
        report.Coverage[0].ShouldBe(new FileCoverage("src/unused.js", 1, 0, 0, 0, [1]), new FileCoverageComparer());
    }

    [Fact]
    public async Task Measure_GoProject_SaysItIsNotMeasured()
    {
        using var workspace = new TestWorkspace(("main.go", "package main\n\nfunc main() {}\n"));

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), cancellationToken: Ct);

        report.Passed.ShouldBeTrue();
        report.LinePercent.ShouldBeNull();
        report.NotMeasured.ShouldBe(["Go: coverage and complexity are not measured for this language (NEXUS measures JavaScript, Python and C#)."]);
    }

    [Theory]
    [InlineData("test/a.js", true)]
    [InlineData("src/a.test.js", true)]
    [InlineData("lib/__tests__/x.js", true)]
    [InlineData("src/a.spec.mjs", true)]
    [InlineData("src/latest.js", false)]
    [InlineData("src/contest.js", false)]
    [InlineData("test_pricing.py", true)]
    [InlineData("pkg/pricing_test.py", true)]
    [InlineData("conftest.py", true)]
    [InlineData("pkg/contest.py", false)]
    public void IsTestFile_Paths(string path, bool expected) => QualityGate.IsTestFile(path).ShouldBe(expected);

    private sealed class FileCoverageComparer : IEqualityComparer<FileCoverage>
    {
        public bool Equals(FileCoverage? x, FileCoverage? y) =>
            x is not null && y is not null && x with { UncoveredLines = [] } == y with { UncoveredLines = [] } && x.UncoveredLines.SequenceEqual(y.UncoveredLines);

        public int GetHashCode(FileCoverage obj) => obj.File.GetHashCode(StringComparison.Ordinal);
    }
}
