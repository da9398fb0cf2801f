using Nexus.Workflows.Activities;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Entities;

/// <summary>One finished step of a project as its journal keeps it: which step (its position and what it was) and its
/// recorded result, so that a retry takes it instead of running it again.</summary>
public sealed record JournalStep
{
    /// <summary>An agent step (<see cref="AgentResult"/>).</summary>
    public const string AgentKind = "agent";

    /// <summary>A test run (<see cref="TestOutcome"/>).</summary>
    public const string TestsKind = "tests";

    /// <summary>A person's decision at an approval gate (<see cref="Decision"/>).</summary>
    public const string ApprovalKind = "approval";

    /// <summary>The step's position in the project, from 1.</summary>
    public required int Sequence { get; init; }

    /// <summary><see cref="AgentKind"/>, <see cref="TestsKind"/> or <see cref="ApprovalKind"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The agent id, <c>tests</c> or <c>person</c>.</summary>
    public required string Who { get; init; }

    /// <summary>The phase.</summary>
    public required string Phase { get; init; }

    /// <summary>The iteration.</summary>
    public int Iteration { get; init; }

    /// <summary>The agent's turn, the test run's number or the gate's number.</summary>
    public int Number { get; init; }

    /// <summary>When the step started (orchestration time).</summary>
    public DateTime Started { get; init; }

    /// <summary>When its result was recorded.</summary>
    public DateTime Finished { get; init; }

    /// <summary>An agent step's result (without its scratchpad entries: the Scratchpads entity has them).</summary>
    public AgentStepResult? AgentResult { get; init; }

    /// <summary>A test run's outcome.</summary>
    public TestRunOutcome? TestOutcome { get; init; }

    /// <summary>The decision an approval gate took.</summary>
    public ApprovalDecision? Decision { get; init; }

    /// <summary>Whether this record is the step <paramref name="kind"/>/<paramref name="who"/>/<paramref name="phase"/> of
    /// <paramref name="iteration"/> with <paramref name="number"/>.</summary>
    public bool Is(string kind, string who, string phase, int iteration, int number) =>
        Kind == kind && Who == who && Phase == phase && Iteration == iteration && Number == number;
}
