namespace Nexus.Workflows.Model;

/// <summary>Marks a run as the continuation of a failed or terminated project (<see cref="ProjectRequest.Retry"/>): the
/// orchestration takes the steps its journal recorded instead of running them again, and runs from the first step that
/// has no recorded result.</summary>
public sealed record ProjectRetry
{
    /// <summary>Which retry this is: 1 for the first.</summary>
    public required int Attempt { get; init; }

    /// <summary>How the run before it ended: <c>Failed</c> or <c>Terminated</c>.</summary>
    public required string PreviousStatus { get; init; }

    /// <summary>Why it ended (the failure or the termination reason), when known.</summary>
    public string? PreviousReason { get; init; }
}
