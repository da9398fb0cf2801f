using Microsoft.DurableTask;

namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>
/// The fields of a <see cref="TaskFailureDetails"/> every backend must reproduce: error type, message and the inner
/// failure, recursively. The stack trace is compared for presence only (its text depends on the build) and
/// <see cref="TaskFailureDetails.Properties"/> is left out (custom exception properties: not part of the scenarios).
/// Serializable: <see cref="FailureReportOrchestrator"/> returns one as its output.
/// </summary>
public sealed record FailureSummary(string ErrorType, string ErrorMessage, bool HasStackTrace, FailureSummary? Inner)
{
    /// <summary>The comparable part of <paramref name="details"/>; null for null.</summary>
    public static FailureSummary? Of(TaskFailureDetails? details) =>
        details is null
            ? null
            : new FailureSummary(details.ErrorType, details.ErrorMessage, !string.IsNullOrEmpty(details.StackTrace), Of(details.InnerFailure));
}
