namespace Nexus.Agents.Quality;

/// <summary>The QA and Security gates as a configuration file sets them (the <c>gates:</c> section of
/// <c>nexus.agents.yaml</c>); a field the file does not name is <see langword="null"/>.</summary>
/// <example>
/// <code>
/// gates:
///   qa: true
///   security: true
///   code_coverage_threshold: 80
///   complexity_threshold: 10
/// </code>
/// </example>
public sealed record GateConfiguration
{
    /// <summary>The section's key.</summary>
    public const string Section = "gates";

    /// <summary>The QA gate on or off.</summary>
    public bool? Qa { get; init; }

    /// <summary>The Security gate on or off.</summary>
    public bool? Security { get; init; }

    /// <summary>The least line coverage in percent (0–100).</summary>
    public double? CodeCoverageThreshold { get; init; }

    /// <summary>The most cyclomatic complexity per function (at least 1).</summary>
    public int? ComplexityThreshold { get; init; }

    /// <summary>Where each field was set: its snake_case name → <c>FILE:LINE</c>.</summary>
    public IReadOnlyDictionary<string, string> Origins { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><paramref name="over"/>'s fields over this one's (a later file over an earlier one).</summary>
    public GateConfiguration Merge(GateConfiguration? over)
    {
        if (over is null)
        {
            return this;
        }

        var origins = new Dictionary<string, string>(Origins, StringComparer.Ordinal);
        foreach (var (field, origin) in over.Origins)
        {
            origins[field] = origin;
        }

        return new GateConfiguration
        {
            Qa = over.Qa ?? Qa,
            Security = over.Security ?? Security,
            CodeCoverageThreshold = over.CodeCoverageThreshold ?? CodeCoverageThreshold,
            ComplexityThreshold = over.ComplexityThreshold ?? ComplexityThreshold,
            Origins = origins,
        };
    }
}
