namespace Nexus.Agents.Quality;

/// <summary>What the QA gate requires.</summary>
/// <param name="MinLineCoverage">Least line coverage of the source files (tests excluded), in percent.</param>
/// <param name="MaxComplexity">Most cyclomatic complexity of any one function.</param>
public sealed record QualityThresholds(double MinLineCoverage = 80, int MaxComplexity = 10);
