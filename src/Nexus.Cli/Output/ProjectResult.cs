using Nexus.Durable;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Cli.Output;

/// <summary>The outcome of a project as <c>run --json</c>, <c>demo --json</c> and <c>resume --json</c> print it.</summary>
internal sealed record ProjectResult(
    string Id,
    OrchestrationRuntimeStatus RuntimeStatus,
    string? Phase,
    int Iterations,
    decimal CostUsd,
    TestCounts Tests,
    string Workspace,
    IReadOnlyList<CommitRecord> Commits,
    string? Reason)
{
    /// <summary>From the report of a completed project, else from its live status.</summary>
    public static ProjectResult From(ProjectView view)
    {
        var report = view.Report;
        var status = view.Status;
        var tests = report?.Tests ?? status?.Tests ?? TestSummary.None;
        return new ProjectResult(
            view.Id,
            view.RuntimeStatus,
            status?.Phase,
            report?.Iterations ?? status?.Iteration ?? 0,
            report?.CostUsd ?? status?.CostUsd ?? 0m,
            new TestCounts(tests.Passed, tests.Failed),
            view.Workspace,
            report?.Commits ?? status?.Commits ?? [],
            ReasonOf(view));
    }

    /// <summary>Why a project did not complete (<see langword="null"/> when it did or is still going).</summary>
    public static string? ReasonOf(ProjectView view) => view.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => null,
        OrchestrationRuntimeStatus.Failed => view.Status?.Reason ?? view.Failure?.Message ?? "failed",
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled => view.Status?.Reason ?? view.Failure?.Message ?? "terminated",
        _ => view.Status?.Reason,
    };
}
