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
