namespace Nexus.Hosting.Kpis;

/// <summary>The product's success metrics over every project in the store: completion rate, response time per agent,
/// uptime, cost and tokens per project and per agent.</summary>
public sealed record SystemKpis
{
    /// <summary>When they were computed.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>How long the host answering has been up (its worker running); <see langword="null"/> where no host runs
    /// (a CLI command reading the store).</summary>
    public double? UptimeSeconds { get; init; }

    /// <summary>Projects in the store.</summary>
    public int Projects { get; init; }

    /// <summary>Projects per runtime status (<c>Running</c>, <c>Completed</c>, <c>Failed</c>, …; only statuses that occur).</summary>
    public IReadOnlyDictionary<string, int> ByStatus { get; init; } = new Dictionary<string, int>();

    /// <summary>Projects not finished (pending, running or suspended).</summary>
    public int Active { get; init; }

    /// <summary>Active projects whose plan waits for a person's approval.</summary>
    public int WaitingForApproval { get; init; }

    /// <summary>Completed ÷ finished (completed, failed or terminated), 0–1; <see langword="null"/> before the first finishes.</summary>
    public double? CompletionRate { get; init; }

    /// <summary>Mean time from creation to completion of the completed projects.</summary>
    public double? AverageCompletionSeconds { get; init; }

    /// <summary>Total cost of every project.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Total tokens of every project.</summary>
    public long Tokens { get; init; }

    /// <summary>Mean cost per project (null without projects).</summary>
    public decimal? CostUsdPerProject { get; init; }

    /// <summary>Mean tokens per project (null without projects).</summary>
    public double? TokensPerProject { get; init; }

    /// <summary>Per agent, in team order.</summary>
    public IReadOnlyList<AgentKpis> Agents { get; init; } = [];
}
