namespace Nexus.Cli.Output;

/// <summary>The test counts of <see cref="ProjectResult"/>.</summary>
internal sealed record TestCounts(int Passed, int Failed);
