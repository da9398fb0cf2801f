using Nexus.Agents.Processes;
using Nexus.Agents.Quality;
using Nexus.Agents.Tests.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Quality;

/// <summary>The QA gate on a small .NET solution with a real coverlet run in the bubblewrap sandbox
/// (<see cref="DotnetQualityFixture"/>); coverage and complexity counted by hand.</summary>
public sealed class DotnetQualityGateTests(DotnetQualityFixture fixture) : IClassFixture<DotnetQualityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Measure_TestsMissBranches_CoverageBelowThresholdNamesTheUncoveredLines()
    {
        var report = fixture.Check(new QualityThresholds());

        report.Passed.ShouldBeFalse();
        report.NotMeasured.ShouldBeEmpty();
        report.LinePercent.ShouldBe(53.33); // 8 of 15 lines; the test project is not counted
        report.BranchPercent.ShouldBe(16.67); // 1 of 6 branch outcomes
        report.Coverage.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.File.ShouldBe("Calc/Pricing.cs"),
            f => (f.Lines, f.CoveredLines, f.Branches, f.CoveredBranches).ShouldBe((15, 8, 6, 1)),
            f => f.UncoveredLines.ShouldBe([17, 18, 19, 22, 23, 24, 27]));
        report.Problems.ShouldBe(["line coverage 53.33 % is below 80 %"]);
        report.UncoveredWork().ShouldContain("Calc/Pricing.cs lines 17-19, 22-24, 27");
        report.CoverageCommand.ShouldBe("dotnet test Calc.Tests/Calc.Tests.csproj --collect \"XPlat Code Coverage\" --results-directory <temporary folder>");
        var markdown = report.ToMarkdown();
        markdown.ShouldContain("| Calc/Pricing.cs | 15 | 53.33 | 16.67 | 17-19, 22-24, 27 |");
        markdown.ShouldContain("- .NET coverage: coverlet.collector 6.0.4 (`dotnet test Calc.Tests/Calc.Tests.csproj --collect \"XPlat Code Coverage\"");
        markdown.ShouldContain("- .NET complexity: coverlet's IL branch points per method");
    }

    [Fact]
    public void Measure_ComplexityPerMethod_FromCoverletsBranchPoints()
    {
        var report = fixture.Check(new QualityThresholds(MinLineCoverage: 50));

        report.Passed.ShouldBeTrue(string.Join("; ", report.Problems));
        report.FunctionsMeasured.ShouldBe(2);
        report.OverLimit.ShouldBeEmpty();
        report.LargestFunctions.Select(f => (f.Name, f.File, f.Line, f.Lines, f.Complexity))
            .ShouldBe([("Pricing.Grade", "Calc/Pricing.cs", 11, 18, 4), ("Pricing.Twice", "Calc/Pricing.cs", 6, 3, 1)]);
        report.LargestFiles.ShouldBe([new SourceFileSize("Calc/Pricing.cs", 29)]);
    }

    [Fact]
    public void Measure_MethodOverTheComplexityLimit_FailsAndNamesIt()
    {
        var report = fixture.Check(new QualityThresholds(MinLineCoverage: 50, MaxComplexity: 3));

        report.Passed.ShouldBeFalse();
        report.CoverageTooLow.ShouldBeFalse();
        report.Problems.ShouldBe(["1 function(s) over complexity 3"]);
        report.ComplexityWork().ShouldContain("Pricing.Grade (Calc/Pricing.cs:11) has 4");
    }

    [Fact]
    public void Measure_InTheSandbox_LeavesNoReportInTheWorkspace() =>
        fixture.FilesAfter.Select(Path.GetFileName).ShouldNotContain("coverage.cobertura.xml");

    [Fact]
    public async Task Measure_TestProjectWithoutCoverlet_SaysCoverageIsNotMeasured()
    {
        using var workspace = new TestWorkspace(
            ("Calc/Calc.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n"),
            ("Calc/Pricing.cs", "namespace Calc;\n\npublic static class Pricing\n{\n}\n"),
            ("Calc.Tests/Calc.Tests.csproj", DotnetQualityFixture.TestProject(withCoverlet: false)),
            ("Calc.Tests/PricingTests.cs", "namespace Calc.Tests;\n"));

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), testCommand: DotnetQualityFixture.TestCommand, cancellationToken: Ct);

        report.Passed.ShouldBeTrue();
        report.LinePercent.ShouldBeNull();
        report.NotMeasured.ShouldBe([DotnetMeasurer.NoCoverlet, DotnetMeasurer.NoComplexity]);
        report.ToMarkdown().ShouldContain("- .NET coverage: not measured: the test project does not reference coverlet.collector");
        report.LargestFiles.ShouldBe([new SourceFileSize("Calc/Pricing.cs", 5)]);
    }

    [Fact]
    public async Task Measure_NoDotnet_SaysSoWithoutFailing()
    {
        using var workspace = new TestWorkspace(("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n"), ("App/Program.cs", "return 0;\n"));

        var report = await new QualityGate(new WithoutPrograms()).MeasureAsync(workspace.Directory, new QualityThresholds(), cancellationToken: Ct);

        report.Passed.ShouldBeTrue();
        report.NotMeasured.ShouldBe([".NET: not measured: dotnet is not installed"]);
        report.LargestFiles.ShouldBe([new SourceFileSize("App/Program.cs", 1)]);
    }

    [Fact]
    public async Task Measure_NoTestProject_SaysCoverageIsNotMeasured()
    {
        using var workspace = new TestWorkspace(("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n"), ("App/Program.cs", "return 0;\n"));

        var report = await new QualityGate().MeasureAsync(workspace.Directory, new QualityThresholds(), cancellationToken: Ct);

        report.Passed.ShouldBeTrue();
        report.NotMeasured.ShouldBe([DotnetMeasurer.NoTestProject, DotnetMeasurer.NoComplexity]);
    }

    [Fact]
    public async Task Measure_DotnetWithoutAMatchingSdk_SaysWhy()
    {
        using var workspace = new TestWorkspace(("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n"), ("App/Program.cs", "return 0;\n"));

        var report = await new QualityGate(new WithoutSdk()).MeasureAsync(workspace.Directory, new QualityThresholds(), cancellationToken: Ct);

        report.Passed.ShouldBeTrue();
        report.NotMeasured.ShouldBe([".NET: not measured: `dotnet --version` failed (exit code 145: A compatible .NET SDK was not found.)"]);
    }

    // dotnet runs but global.json names an SDK the machine does not have.
    private sealed class WithoutSdk : IProcessRunner
    {
        public Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ProcessOutcome(145, string.Empty, "\nA compatible .NET SDK was not found.\n", false, false, TimeSpan.Zero));
    }

    // A machine without the programs: starting one fails as the real runner fails for a missing program.
    private sealed class WithoutPrograms : IProcessRunner
    {
        public Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default) =>
            throw new FileNotFoundException($"{spec.FileName} is not installed", spec.FileName);
    }
}
