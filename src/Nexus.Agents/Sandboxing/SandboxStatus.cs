namespace Nexus.Agents.Sandboxing;

/// <summary>Whether agents can run confined here, and what runs them.</summary>
/// <param name="Available">A sandbox starts on this machine.</param>
/// <param name="Unsandboxed">The operator opted out (<c>--unsandboxed</c>): agents run without a sandbox.</param>
/// <param name="Description">One line for <c>doctor</c>, banners and the dashboard (for example <c>bubblewrap 0.8.0</c>).</param>
public sealed record SandboxStatus(bool Available, bool Unsandboxed, string Description)
{
    /// <summary>What confines programs in bubblewrap, in status lines and recorded step results.</summary>
    public const string BubblewrapMode = "bubblewrap";

    /// <summary>What confines programs when the operator opted out: nothing.</summary>
    public const string UnsandboxedMode = "none (--unsandboxed)";

    /// <summary><see langword="true"/> when agents may run: confined, or unconfined by the operator's explicit choice.</summary>
    public bool AgentsAllowed => Available || Unsandboxed;

    /// <summary>What agents run in: <c>bubblewrap</c>, or <c>none (--unsandboxed)</c>.</summary>
    public string Mode => Unsandboxed ? UnsandboxedMode : Available ? BubblewrapMode : "unavailable";
}
