using Nexus.Agents.Quality;
using Nexus.Agents.Security;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Orchestration;

/// <summary>Where a failed gate sends the work when Prime says done.</summary>
public sealed class GateGuardRailTests
{
    private static readonly Decision Done = new(RouteDecision.Done, "all green", null);

    private static readonly FileCoverage Uncovered = new("src/a.js", 20, 10, 4, 2, [3, 4, 5, 9]);

    [Fact]
    public void ApplyGates_CoverageTooLow_SendsTheUncoveredLinesToAlpha()
    {
        var decision = GuardRails.ApplyGates(Done, Green(quality: Quality(coverage: 50)));

        decision.Route.ShouldBe(RouteDecision.FixTests);
        decision.Reason.ShouldStartWith("Prime said done, but the QA gate failed (line coverage 50 % is below 80 %); done needs the gates.");
        decision.Feedback.ShouldBe("Line coverage is 50 %, below 80 %. Add tests that run these lines: src/a.js lines 3-5, 9.");
    }

    [Fact]
    public void ApplyGates_ComplexFunctionAndHighFinding_SendBothToCode()
    {
        var quality = Quality(coverage: 90, overLimit: [new FunctionComplexity("src/a.js", "parse", 7, 40, 14)]);
        var security = new SecurityReport
        {
            FromCommit = "a",
            ToCommit = "b",
            Findings = [new SecurityFinding(SecuritySeverity.High, "src/a.js", 12, "js-eval", "eval")],
        };

        var decision = GuardRails.ApplyGates(Done, Green(quality, security));

        decision.Route.ShouldBe(RouteDecision.FixImplementation);
        decision.Feedback.ShouldBe(
            "Fix these security findings (high severity blocks done): high src/a.js:12 js-eval: eval. " +
            "Simplify or split these functions to a cyclomatic complexity of at most 10: parse (src/a.js:7) has 14.");
    }

    [Fact]
    public void ApplyGates_PassedGatesOrAnotherRoute_LeaveTheDecision()
    {
        GuardRails.ApplyGates(Done, Green(Quality(coverage: 85))).ShouldBe(Done);
        var fix = new Decision(RouteDecision.FixTests, "more cases", "add cases");
        GuardRails.ApplyGates(fix, Green(Quality(coverage: 10))).ShouldBe(fix);
        GuardRails.ApplyGates(Done, Green(quality: null)).ShouldBe(Done); // no gates ran: a project without them
    }

    [Fact]
    public void GateSettings_FromEnvironment_ReadsTheSwitchAndThresholds()
    {
        GateSettings.FromEnvironment(_ => null).ShouldBe(new GateSettings());
        GateSettings.FromEnvironment(name => name == GateSettings.GatesVariable ? "off" : null).ShouldBe(GateSettings.Off);
        GateSettings.FromEnvironment(name => name switch { "NEXUS_GATES" => "qa", "NEXUS_MIN_COVERAGE" => "65.5", "NEXUS_MAX_COMPLEXITY" => "15", _ => null })
            .ShouldBe(new GateSettings { Security = false, MinLineCoverage = 65.5, MaxComplexity = 15 });
        Should.Throw<ArgumentException>(() => GateSettings.FromEnvironment(name => name == GateSettings.GatesVariable ? "maybe" : null)).Message.ShouldContain("NEXUS_GATES");
    }

    [Fact]
    public void GateSettings_FromEnvironment_StartsFromTheFilesSection_TheVariablesOverIt()
    {
        var file = new GateConfiguration { Qa = false, CodeCoverageThreshold = 70, ComplexityThreshold = 13 };

        GateSettings.FromEnvironment(_ => null, file).ShouldBe(new GateSettings { Quality = false, MinLineCoverage = 70, MaxComplexity = 13 });
        GateSettings.FromEnvironment(name => name switch { "NEXUS_GATES" => "on", "NEXUS_MAX_COMPLEXITY" => "9", _ => null }, file)
            .ShouldBe(new GateSettings { MinLineCoverage = 70, MaxComplexity = 9 });
    }

    [Fact]
    public async Task Runtime_ConfigFileWithGates_GivesNewProjectsThoseGates()
    {
        var folder = Directory.CreateTempSubdirectory("nexus-gates-").FullName;
        try
        {
            var config = Path.Combine(folder, "nexus.agents.yaml");
            await File.WriteAllTextAsync(config, "gates:\n  security: false\n  complexity_threshold: 13\n", TestContext.Current.CancellationToken);
            var options = new Nexus.Hosting.NexusOptions { DataDirectory = Path.Combine(folder, "data"), RunWorker = false, AgentConfigPath = config };

            await using (await Nexus.Hosting.NexusRuntime.StartAsync(options, TestContext.Current.CancellationToken))
            {
                options.Gates.Security.ShouldBeFalse();
                options.Gates.Quality.ShouldBeTrue();
                options.Gates.MaxComplexity.ShouldBe(13);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Validate_GateThresholdsOutOfRange_AreRefused() =>
        Should.Throw<ArgumentException>(() => ProjectRequestValidator.Validate(new ProjectRequest { Description = "x", Gates = new GateSettings { MinLineCoverage = 120 } }))
            .Message.ShouldStartWith("gates:");

    private static QualityReport Quality(double coverage, IReadOnlyList<FunctionComplexity>? overLimit = null)
    {
        var thresholds = new QualityThresholds();
        var problems = new List<string>();
        if (coverage < thresholds.MinLineCoverage)
        {
            problems.Add($"line coverage {coverage} % is below 80 %");
        }

        if (overLimit is { Count: > 0 })
        {
            problems.Add($"{overLimit.Count} function(s) over complexity 10");
        }

        return new QualityReport
        {
            Passed = problems.Count == 0,
            Thresholds = thresholds,
            LinePercent = coverage,
            Coverage = [Uncovered],
            OverLimit = overLimit ?? [],
            Problems = problems,
        };
    }

    private static TestRunOutcome Green(QualityReport? quality, SecurityReport? security = null) =>
        new(new TestSummary(3, 0, null, true, []), "node --test", 0, false, [], string.Empty, 1) { Quality = quality, Security = security };
}
