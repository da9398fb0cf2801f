using System.Globalization;

namespace Nexus.Workflows.Model;

/// <summary>The QA and Security gates of a project (<see cref="ProjectRequest.Gates"/>): which run and what they require.</summary>
/// <remarks>The defaults come from <see cref="Hosting.WorkflowOptions.Gates"/> when a project starts, and are recorded in
/// its request, so that a replay or a retry of the project checks the same thresholds.</remarks>
public sealed record GateSettings
{
    /// <summary>The environment variable that turns the gates off (<c>off</c>, <c>0</c>, <c>false</c>), or one of them
    /// (<c>qa</c>, <c>security</c>: only that one). Default: both on.</summary>
    public const string GatesVariable = "NEXUS_GATES";

    /// <summary>The environment variable with the least line coverage in percent (default 80).</summary>
    public const string MinCoverageVariable = "NEXUS_MIN_COVERAGE";

    /// <summary>The environment variable with the most cyclomatic complexity per function (default 10).</summary>
    public const string MaxComplexityVariable = "NEXUS_MAX_COMPLEXITY";

    /// <summary>Run the QA gate after each green test run, and require it for <c>done</c>. Default <see langword="true"/>.</summary>
    public bool Quality { get; init; } = true;

    /// <summary>Run the Security gate after each test run, and require no high-severity finding for <c>done</c>. Default <see langword="true"/>.</summary>
    public bool Security { get; init; } = true;

    /// <summary>Least line coverage of the source files (tests excluded), in percent, 0–100. Default 80.</summary>
    public double MinLineCoverage { get; init; } = 80;

    /// <summary>Most cyclomatic complexity of one function, at least 1. Default 10.</summary>
    public int MaxComplexity { get; init; } = 10;

    /// <summary>Both gates off.</summary>
    public static GateSettings Off { get; } = new() { Quality = false, Security = false };

    /// <summary>The settings the variables <c>NEXUS_GATES</c>, <c>NEXUS_MIN_COVERAGE</c> and <c>NEXUS_MAX_COMPLEXITY</c> give, read through <paramref name="read"/>,
    /// over what the configuration file set (<paramref name="file"/>, its <c>gates:</c> section), over the defaults.</summary>
    /// <exception cref="ArgumentException">A variable holds something else than the values above.</exception>
    public static GateSettings FromEnvironment(Func<string, string?> read, Nexus.Agents.Quality.GateConfiguration? file = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        var configured = new GateSettings
        {
            Quality = file?.Qa ?? true,
            Security = file?.Security ?? true,
            MinLineCoverage = file?.CodeCoverageThreshold ?? 80,
            MaxComplexity = file?.ComplexityThreshold ?? 10,
        };
        var gates = read(GatesVariable)?.Trim().ToUpperInvariant() switch
        {
            null or "" => configured,
            "ON" or "1" or "TRUE" => configured with { Quality = true, Security = true },
            "OFF" or "0" or "FALSE" or "NONE" => configured with { Quality = false, Security = false },
            "QA" => configured with { Quality = true, Security = false },
            "SECURITY" => configured with { Quality = false, Security = true },
            var other => throw new ArgumentException($"{GatesVariable}: '{other}' is not on, off, qa or security."),
        };
        if (read(MinCoverageVariable) is { Length: > 0 } coverage)
        {
            gates = gates with
            {
                MinLineCoverage = double.TryParse(coverage, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new ArgumentException($"{MinCoverageVariable}: '{coverage}' is not a number."),
            };
        }

        if (read(MaxComplexityVariable) is { Length: > 0 } complexity)
        {
            gates = gates with
            {
                MaxComplexity = int.TryParse(complexity, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new ArgumentException($"{MaxComplexityVariable}: '{complexity}' is not a whole number."),
            };
        }

        return gates;
    }
}
