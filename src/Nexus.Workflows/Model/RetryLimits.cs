namespace Nexus.Workflows.Model;

/// <summary>The limits a retry may change; <see langword="null"/> keeps the project's own.</summary>
public sealed record RetryLimits
{
    /// <summary>Most iterations (1–20), counted from the project's start, not from the retry.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Spending cap in USD for the whole project (what earlier runs spent counts).</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>Token cap for the whole project.</summary>
    public long? MaxTokens { get; init; }

    /// <summary><paramref name="request"/> with these limits in place of its own.</summary>
    public ProjectRequest ApplyTo(ProjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with
        {
            MaxIterations = MaxIterations ?? request.MaxIterations,
            BudgetUsd = BudgetUsd ?? request.BudgetUsd,
            MaxTokens = MaxTokens ?? request.MaxTokens,
        };
    }
}
