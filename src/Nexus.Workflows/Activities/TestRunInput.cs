namespace Nexus.Workflows.Activities;

/// <summary>The input of <see cref="RunTestsActivity"/>.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Commit">The commit to test (the workspace is reset to it first).</param>
/// <param name="TestCommand">The command; <see langword="null"/>: detected.</param>
public sealed record TestRunInput(string ProjectId, string Commit, string? TestCommand)
{
    /// <summary>The gates to run after the tests (QA after a green run, Security after every run); <see langword="null"/>:
    /// none (projects started before the gates existed, or with both off).</summary>
    public Model.GateSettings? Gates { get; init; }

    /// <summary>The iteration, for the step key of the gates' scratchpad entries.</summary>
    public int Iteration { get; init; }
}
