using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Orchestration;

public sealed class GuardRailsTests
{
    [Fact]
    public void MaxIterationsReason_GreenTestsButPrimeWantsMore_SaysTheTestsPassAndWhatPrimeAsked()
    {
        var reason = GuardRails.MaxIterationsReason(
            3, new TestSummary(12, 0, null, true, []), new Decision(RouteDecision.FixTests, "the edge cases are not covered", null));

        reason.ShouldBe("max iterations reached: 3 iteration(s) used; the tests pass, but Prime asked for fix_tests (the edge cases are not covered).");
        reason.ShouldNotContain("still fail");
    }

    [Fact]
    public void MaxIterationsReason_RedTests_NamesHowManyAndWhich()
    {
        var reason = GuardRails.MaxIterationsReason(
            1, new TestSummary(3, 2, null, false, ["slug > trims", "slug > lowercases"]), new Decision(RouteDecision.FixImplementation, "fix it", null));

        reason.ShouldBe("max iterations reached: 1 iteration(s) used and the tests still fail (2 failing: slug > trims, slug > lowercases).");
    }

    [Fact]
    public void MaxIterationsReason_TestCommandFailedWithoutCounts_SaysSoInsteadOfZeroFailing()
    {
        var reason = GuardRails.MaxIterationsReason(2, new TestSummary(0, 0, null, false, []), new Decision(RouteDecision.FixImplementation, "x", null));

        reason.ShouldBe("max iterations reached: 2 iteration(s) used and the tests still fail (the test command failed).");
    }
}
