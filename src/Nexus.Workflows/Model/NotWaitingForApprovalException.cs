namespace Nexus.Workflows.Model;

/// <summary>An approval decision was sent to a project that is not waiting at an approval gate, or for a gate that is no
/// longer the waiting one: it is refused rather than kept for a later plan nobody has seen.</summary>
public sealed class NotWaitingForApprovalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotWaitingForApprovalException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotWaitingForApprovalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NotWaitingForApprovalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The refusal of a decision for <paramref name="projectId"/>, which is in <paramref name="phase"/> and waits at
    /// gate <paramref name="waitingGate"/> (<see langword="null"/>: at none), when the decision named
    /// <paramref name="decisionGate"/>.</summary>
    public static NotWaitingForApprovalException For(string projectId, string phase, int? waitingGate, int? decisionGate) =>
        (waitingGate, decisionGate) switch
        {
            ({ } waiting, { } answered) when answered < waiting =>
                new($"project {projectId} is no longer waiting at approval gate {answered} (it waits at gate {waiting}, for a newer plan; look at it first)"),
            ({ } waiting, { } answered) when answered > waiting => new($"project {projectId} has no approval gate {answered} yet (it waits at gate {waiting})"),
            _ => new($"project {projectId} is not waiting for approval (phase: {phase})"),
        };
}
