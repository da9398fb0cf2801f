using Nexus.Workflows.Activities;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Orchestration;

/// <summary>The deterministic rules around Prime's decision.</summary>
internal static class GuardRails
{
    public static Decision Apply(Decision decision, TestSummary tests, IReadOnlyList<string>? previousFailures, ProjectRequest request)
    {
        if (decision.Route == RouteDecision.Done && !tests.Succeeded)
        {
            decision = new Decision(
                RouteDecision.FixImplementation,
                $"Prime said done, but {tests.Failed} test(s) fail; done needs green tests. ({decision.Reason})",
                decision.Feedback ?? $"Make these tests pass: {string.Join(", ", tests.FailingTests)}");
        }

        if (!tests.Succeeded && previousFailures is not null && SameFailures(previousFailures, tests.FailingTests))
        {
            var failing = tests.FailingTests.Count == 0 ? "the test run failed the same way" : string.Join(", ", tests.FailingTests);
            return request.ApprovePlan
                ? new Decision(RouteDecision.NeedsHuman, $"No progress: the same tests failed twice in a row ({failing}). A person must decide.", decision.Feedback)
                : decision with { StopReason = $"no progress: the same tests failed twice in a row ({failing})." };
        }

        return decision;
    }

    /// <summary>Refuses <c>done</c> while a gate of the last test run failed, and sends the concrete work back: high-severity
    /// security findings and functions over the complexity limit to Code, uncovered lines to Alpha.</summary>
    public static Decision ApplyGates(Decision decision, TestRunOutcome tests)
    {
        if (decision.Route != RouteDecision.Done || tests.GatesPassed)
        {
            return decision;
        }

        var why = $"Prime said done, but {string.Join(" and ", FailedGates(tests))}; done needs the gates. ({decision.Reason})";
        var quality = tests.Quality is { Passed: false } failed ? failed : null;
        List<string> forCode = [];
        if (tests.Security is { Passed: false } security)
        {
            forCode.Add(security.CodeWork());
        }

        if (quality is { OverLimit.Count: > 0 })
        {
            forCode.Add(quality.ComplexityWork());
        }

        var forAlpha = quality switch
        {
            null => null,
            { CoverageTooLow: true } => quality.UncoveredWork(),
            { OverLimit.Count: 0 } => $"Make the tests run under coverage: {string.Join("; ", quality.Problems)}.",
            _ => null,
        };
        return forCode.Count > 0
            ? new Decision(RouteDecision.FixImplementation, why, string.Join(" ", forCode) + (forAlpha is null ? string.Empty : $" Then, for the tests: {forAlpha}"))
            : new Decision(RouteDecision.FixTests, why, forAlpha);
    }

    private static IEnumerable<string> FailedGates(TestRunOutcome tests)
    {
        if (tests.Security is { Passed: false } security)
        {
            yield return $"the Security gate found {security.Findings.Count(f => f.Severity == Nexus.Agents.Security.SecuritySeverity.High)} high-severity finding(s)";
        }

        if (tests.Quality is { Passed: false } quality)
        {
            yield return $"the QA gate failed ({string.Join("; ", quality.Problems)})";
        }
    }

    /// <summary>Why the project stops at its iteration limit, true to the last test run: still failing (how many and which),
    /// or green while Prime asked for more work (what and why).</summary>
    public static string MaxIterationsReason(int maxIterations, TestSummary tests, Decision decision)
    {
        var used = $"max iterations reached: {maxIterations} iteration(s) used";
        if (tests.Succeeded)
        {
            return $"{used}; the tests pass, but Prime asked for {decision.Route} ({decision.Reason}).";
        }

        var failing = tests.FailingTests.Count > 0
            ? $"{tests.Failed} failing: {string.Join(", ", tests.FailingTests.Take(5))}{(tests.FailingTests.Count > 5 ? ", …" : string.Empty)}"
            : tests.Failed > 0 ? $"{tests.Failed} failing" : "the test command failed";
        return $"{used} and the tests still fail ({failing}).";
    }

    private static bool SameFailures(IReadOnlyList<string> previous, IReadOnlyList<string> current) =>
        previous.Order(StringComparer.Ordinal).SequenceEqual(current.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
