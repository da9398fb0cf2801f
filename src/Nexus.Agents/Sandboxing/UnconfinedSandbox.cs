using Nexus.Agents.Processes;

namespace Nexus.Agents.Sandboxing;

/// <summary>No confinement, chosen explicitly by the operator: the program still gets only the allow-listed environment and
/// its project home, is recorded for the step, and is started so that a sandbox could die with us — but it can read any
/// file this process can, change the read-only parts of its scope (a workspace's <c>.git</c>), and its children may
/// outlive a killed NEXUS.</summary>
internal sealed class UnconfinedSandbox(SandboxScope scope) : IProcessSandbox
{
    /// <inheritdoc />
    public string Description => SandboxStatus.UnsandboxedMode;

    /// <inheritdoc />
    public bool Confines => false;

    /// <inheritdoc />
    public ProcessSpec Apply(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec with
        {
            Environment = SandboxEnvironment.For(spec, scope.HomeDirectory, temporaryDirectory: null),
            InheritEnvironment = false,
            RecordFile = scope.RecordFile ?? spec.RecordFile,
        };
    }
}
