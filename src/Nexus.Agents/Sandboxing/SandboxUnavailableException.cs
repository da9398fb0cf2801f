namespace Nexus.Agents.Sandboxing;

/// <summary>No sandbox can start on this machine and the operator did not opt out, so agents are refused.</summary>
public sealed class SandboxUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SandboxUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message that says why and what to do.</summary>
    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
