namespace Nexus.Workflows.Model;

/// <summary>The counts of a test run, and the failing tests' names.</summary>
public sealed record TestSummary(int Passed, int Failed, int? Skipped, bool Succeeded, IReadOnlyList<string> FailingTests)
{
    /// <summary>No run yet.</summary>
    public static TestSummary None { get; } = new(0, 0, null, false, []);
}
