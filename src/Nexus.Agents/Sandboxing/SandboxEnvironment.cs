using Nexus.Agents.Processes;

namespace Nexus.Agents.Sandboxing;

/// <summary>The environment of a program in a sandbox: the basics, the spec's own variables, then its home and temp folder.</summary>
internal static class SandboxEnvironment
{
    public static Dictionary<string, string?> For(ProcessSpec spec, string home, string? temporaryDirectory)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in AgentEnvironment.Basics())
        {
            environment[name] = value;
        }

        foreach (var (name, value) in spec.Environment)
        {
            environment[name] = value;
        }

        environment["HOME"] = home;
        if (temporaryDirectory is not null)
        {
            environment["TMPDIR"] = temporaryDirectory;
        }

        return environment;
    }
}
