namespace Nexus.Workflows.Model;

/// <summary>Ends a project as Failed with a reason a person can act on (budget, iterations, no progress, agent error).</summary>
public sealed class ProjectFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProjectFailedException()
        : base("The project failed.")
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public ProjectFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and a cause.</summary>
    public ProjectFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
