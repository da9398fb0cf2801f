namespace Nexus.Workflows.Model;

/// <summary>A retry was asked for a project that has not failed or been terminated: a running one goes on by itself (or
/// with <c>nexus resume</c>), a completed one has nothing left to do.</summary>
public sealed class ProjectNotRetryableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProjectNotRetryableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProjectNotRetryableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ProjectNotRetryableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The refusal for <paramref name="projectId"/>, whose runtime status is <paramref name="status"/>
    /// (<c>Completed</c>, <c>Running</c>, …).</summary>
    public static ProjectNotRetryableException For(string projectId, string status) => status switch
    {
        "Completed" => new($"project {projectId} has completed; only a failed or terminated project can be retried"),
        _ => new($"project {projectId} is {status.ToLowerInvariant()}; only a failed or terminated project can be retried (it goes on by itself; 'nexus resume {projectId}' follows it)"),
    };
}
