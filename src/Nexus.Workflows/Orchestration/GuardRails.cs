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

    private static bool SameFailures(IReadOnlyList<string> previous, IReadOnlyList<string> current) =>
        previous.Order(StringComparer.Ordinal).SequenceEqual(current.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
