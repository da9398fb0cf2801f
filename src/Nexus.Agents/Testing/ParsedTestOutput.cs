namespace Nexus.Agents.Testing;

/// <summary>What a parser read from test output; counts are <see langword="null"/> when the output did not say.</summary>
internal sealed record ParsedTestOutput(int? Passed, int? Failed, int? Skipped, IReadOnlyList<TestFailure> Failures)
{
    public static ParsedTestOutput Unknown { get; } = new(null, null, null, []);
}
