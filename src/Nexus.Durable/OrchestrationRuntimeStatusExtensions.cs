namespace Nexus.Durable;

/// <summary>Helpers for <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Whether the instance has finished (Completed, Failed, Terminated or Canceled).</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    /// <summary>Whether the instance is still active (Pending, Running, Suspended or ContinuedAsNew).</summary>
    public static bool IsActive(this OrchestrationRuntimeStatus status) => !status.IsTerminal();
}
