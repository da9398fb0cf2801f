namespace Nexus.Workflows.Model;

/// <summary>The custom status of a project: what a person watching needs.</summary>
public sealed record ProjectStatus
{
    /// <summary>Exactly one of <see cref="ProjectPhases"/>.</summary>
    public string Phase { get; init; } = ProjectPhases.Plan;

    /// <summary>The current iteration (0 while planning).</summary>
    public int Iteration { get; init; }

    /// <summary>Per agent id: status and progress.</summary>
    public IReadOnlyDictionary<string, AgentState> Agents { get; init; } = new Dictionary<string, AgentState>();

    /// <summary>Overall progress, 0–1.</summary>
    public double Progress { get; init; }

    /// <summary>Money spent so far.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Tokens used so far.</summary>
    public long Tokens { get; init; }

    /// <summary>The last test run.</summary>
    public TestSummary? Tests { get; init; }

    /// <summary>The agents' commits so far.</summary>
    public IReadOnlyList<CommitRecord> Commits { get; init; } = [];

    /// <summary>Why the project stopped, when it failed.</summary>
    public string? Reason { get; init; }

    /// <summary>The last routing decision.</summary>
    public string? LastDecision { get; init; }

    /// <summary>What confines the project's agents and test runs (<c>bubblewrap</c>, or <c>none (--unsandboxed)</c> when the
    /// operator opted out), as of its last step; <see langword="null"/> before the first step.</summary>
    public string? Sandbox { get; init; }

    /// <summary>The number of the approval gate that waits for a decision (1 for the project's first gate, one more for
    /// each gate after it), or <see langword="null"/> when none waits. A decision answers exactly this gate
    /// (<see cref="ApprovalDecision.Gate"/>).</summary>
    public int? ApprovalGate { get; init; }

    /// <summary>How many times the project was retried after it failed or was terminated (0: never).</summary>
    public int Retries { get; init; }

    /// <summary>What a person should notice although it did not stop the project (performance limits exceeded, a plan
    /// taken from the template), in order.</summary>
    public IReadOnlyList<ProjectAlert> Alerts { get; init; } = [];
}
