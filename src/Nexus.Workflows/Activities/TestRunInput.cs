namespace Nexus.Workflows.Activities;

/// <summary>The input of <see cref="RunTestsActivity"/>.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Commit">The commit to test (the workspace is reset to it first).</param>
/// <param name="TestCommand">The command; <see langword="null"/>: detected.</param>
public sealed record TestRunInput(string ProjectId, string Commit, string? TestCommand);
