namespace Nexus.Workflows.Model;

/// <summary>Something about a project a person should notice although it did not stop it: a step beyond a configured
/// performance limit, or a plan taken from the template because the planner model was unavailable. Kept in the project's
/// status (<see cref="ProjectStatus.Alerts"/>) and raised as a <c>ProjectAlert</c> step in its history.</summary>
public sealed record ProjectAlert
{
    /// <summary><see cref="Performance"/> or <see cref="PlanFallback"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The agent id, or <c>tests</c> for a test run.</summary>
    public required string Who { get; init; }

    /// <summary>The phase of the step.</summary>
    public required string Phase { get; init; }

    /// <summary>The iteration of the step.</summary>
    public int Iteration { get; init; }

    /// <summary>What happened, in one line.</summary>
    public required string Message { get; init; }

    /// <summary>The measure beyond its limit (<c>cpu_seconds</c>, <c>peak_memory_mb</c>, <c>duration_seconds</c>); performance alerts only.</summary>
    public string? Metric { get; init; }

    /// <summary>The measured value; performance alerts only.</summary>
    public double? Value { get; init; }

    /// <summary>The configured limit; performance alerts only.</summary>
    public double? Limit { get; init; }

    /// <summary>A step went beyond a configured performance limit.</summary>
    public const string Performance = "performance";

    /// <summary>The planner model was unavailable: the plan is the template's skeleton.</summary>
    public const string PlanFallback = "plan_fallback";
}
