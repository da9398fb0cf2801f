namespace Nexus.Workflows.Model;

/// <summary>The output of a completed project.</summary>
public sealed record ProjectReport
{
    /// <summary>What was built, in a few lines.</summary>
    public required string Summary { get; init; }

    /// <summary>The files in the workspace at the end.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The final test run.</summary>
    public required TestSummary Tests { get; init; }

    /// <summary>Iterations used.</summary>
    public int Iterations { get; init; }

    /// <summary>Total cost in USD.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Total tokens.</summary>
    public long Tokens { get; init; }

    /// <summary>Per-phase timeline.</summary>
    public IReadOnlyList<PhaseSpan> Timeline { get; init; } = [];

    /// <summary>The agents' commits.</summary>
    public IReadOnlyList<CommitRecord> Commits { get; init; } = [];
}
