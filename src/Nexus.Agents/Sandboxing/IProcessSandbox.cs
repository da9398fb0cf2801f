using Nexus.Agents.Processes;

namespace Nexus.Agents.Sandboxing;

/// <summary>Confines a program that an agent step starts (an agent CLI turn, a test run) to what that step may touch.</summary>
/// <remarks>
/// Contract: <see cref="Apply"/> returns a spec that (1) starts from an allow-listed environment
/// (<see cref="AgentEnvironment.Basics"/>, then the spec's own variables, then <c>HOME</c> set to the project's agent home),
/// never from the host's; (2) dies with this process (<see cref="ProcessSpec.DieWithParent"/>); and (3) records its process
/// in the step's record file, so that a later attempt of the same step can kill what an earlier one left running. A
/// confining sandbox also hides everything of the machine but the step's folders and the toolchains.
/// </remarks>
public interface IProcessSandbox
{
    /// <summary>What confines the programs, for status lines (for example <c>bubblewrap</c>, or <c>none (--unsandboxed)</c>).</summary>
    string Description { get; }

    /// <summary><see langword="true"/> when programs are confined to the step's folders.</summary>
    bool Confines { get; }

    /// <summary>Returns the spec that runs <paramref name="spec"/> inside this sandbox.</summary>
    /// <exception cref="FileNotFoundException">The program does not exist.</exception>
    ProcessSpec Apply(ProcessSpec spec);
}
