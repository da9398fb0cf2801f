namespace Nexus.Agents.Messaging;

/// <summary>How a task ended. On the wire: <c>completed</c>, <c>failed</c>, <c>rejected</c>, <c>timed_out</c>, <c>canceled</c>.</summary>
public enum TaskResponseStatus
{
    /// <summary>The task was done.</summary>
    Completed = 0,

    /// <summary>The task was attempted and failed (see <see cref="TaskResponse.Error"/>).</summary>
    Failed = 1,

    /// <summary>The recipient refused the task (unknown type, invalid payload, not its role).</summary>
    Rejected = 2,

    /// <summary>The task exceeded the assignment's timeout.</summary>
    TimedOut = 3,

    /// <summary>The task was canceled before it finished.</summary>
    Canceled = 4,
}
