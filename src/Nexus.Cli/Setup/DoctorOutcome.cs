namespace Nexus.Cli.Setup;

/// <summary>How a doctor check went.</summary>
internal enum DoctorOutcome
{
    /// <summary>Fine.</summary>
    Ok,

    /// <summary>Neither good nor bad (an optional setting that is not set).</summary>
    Info,

    /// <summary>Missing but optional (for example one provider's key).</summary>
    Warning,

    /// <summary>NEXUS cannot work until this is fixed.</summary>
    Failed,
}
