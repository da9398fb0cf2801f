namespace Nexus.Agents.Quality;

/// <summary>What the QA gate measured for one language; the gate adds them up and checks the thresholds.</summary>
internal sealed record LanguageMeasurement
{
    /// <summary>The coverage command that ran, or <see langword="null"/>.</summary>
    public string? Command { get; init; }

    /// <summary>Per source file (tests excluded); empty when coverage was not measured.</summary>
    public IReadOnlyList<FileCoverage> Coverage { get; init; } = [];

    /// <summary>Every function measured.</summary>
    public IReadOnlyList<FunctionComplexity> Functions { get; init; } = [];

    /// <summary>The source files and their lengths.</summary>
    public IReadOnlyList<SourceFileSize> Sizes { get; init; } = [];

    /// <summary>Which tool measured what, one line each.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>What was not measured and why.</summary>
    public IReadOnlyList<string> NotMeasured { get; init; } = [];

    /// <summary>What went wrong while measuring (fails the gate).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
