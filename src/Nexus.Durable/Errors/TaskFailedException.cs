using Nexus.Durable.History;

namespace Nexus.Durable;

/// <summary>An activity, sub-orchestration or entity operation that an orchestration awaited has failed.</summary>
/// <remarks>Thrown inside orchestration code. <see cref="Failure"/> carries the original error's type and message.</remarks>
public sealed class TaskFailedException : DurableException
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException()
        : this("A durable task failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskFailedException(string message)
        : base(message)
    {
        Failure = new FailureDetails(typeof(TaskFailedException).FullName!, message);
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = FailureDetails.FromException(innerException);
    }

    /// <summary>Creates the exception for a failed task.</summary>
    /// <param name="taskName">The activity, sub-orchestration or entity operation name.</param>
    /// <param name="taskId">The task id in the history.</param>
    /// <param name="failure">What went wrong.</param>
    public TaskFailedException(string taskName, int taskId, FailureDetails failure)
        : base($"Task '{taskName}' (id {taskId}) failed: {failure?.ErrorType}: {failure?.Message}")
    {
        ArgumentNullException.ThrowIfNull(failure);
        TaskName = taskName;
        TaskId = taskId;
        Failure = failure;
    }

    /// <summary>The failed task's name.</summary>
    public string TaskName { get; } = string.Empty;

    /// <summary>The failed task's id.</summary>
    public int TaskId { get; } = -1;

    /// <summary>The original failure.</summary>
    public FailureDetails Failure { get; }
}
