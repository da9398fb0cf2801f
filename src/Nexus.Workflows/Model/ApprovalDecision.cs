namespace Nexus.Workflows.Model;

/// <summary>The data of the <c>approval</c> event: approve the plan, or reject it with feedback (Aria re-plans).</summary>
public sealed record ApprovalDecision(bool Approved, string? Feedback = null)
{
    /// <summary>The event name the approval gate waits for.</summary>
    public const string EventName = "approval";
}
