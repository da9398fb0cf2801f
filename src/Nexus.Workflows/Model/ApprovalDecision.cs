namespace Nexus.Workflows.Model;

/// <summary>The data of the <c>approval</c> event: approve the plan, or reject it with feedback (Aria re-plans).</summary>
/// <remarks>Gates are numbered (<see cref="ProjectStatus.ApprovalGate"/>): a decision answers the gate named by
/// <see cref="Gate"/>, and the orchestration ignores one for any other gate, so a late or repeated decision can never
/// approve a plan nobody has seen. <c>ProjectClient.ApproveAsync</c> (Nexus.Hosting) fills it in from the status.</remarks>
public sealed record ApprovalDecision(bool Approved, string? Feedback = null)
{
    /// <summary>The event name the approval gate waits for.</summary>
    public const string EventName = "approval";

    /// <summary>The number of the gate this decision answers. <see langword="null"/> (a decision raised on the engine
    /// directly, or recorded before gates were numbered) is taken by whichever gate waits.</summary>
    public int? Gate { get; init; }
}
