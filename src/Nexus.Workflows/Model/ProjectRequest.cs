namespace Nexus.Workflows.Model;

/// <summary>What a user asks for: the input of <c>ProjectOrchestration</c>.</summary>
public sealed record ProjectRequest
{
    /// <summary>What to build (1–20,000 characters).</summary>
    public required string Description { get; init; }

    /// <summary>Extra requirements.</summary>
    public string? Requirements { get; init; }

    /// <summary>Technology to use (language, framework).</summary>
    public string? Technology { get; init; }

    /// <summary>Constraints (what not to do, limits).</summary>
    public string? Constraints { get; init; }

    /// <summary>The agent backend for every agent: <c>claude</c>, <c>openai</c>, <c>azure-openai</c>, <c>anthropic</c>,
    /// <c>ollama</c> or <c>replay</c>. <see langword="null"/>: each agent's configured backend.</summary>
    public string? Provider { get; init; }

    /// <summary>The model for every agent; <see langword="null"/>: each agent's configured model.</summary>
    public string? Model { get; init; }

    /// <summary>Most implement → test → review iterations (1–20). Default 5.</summary>
    public int MaxIterations { get; init; } = 5;

    /// <summary>Spending cap in USD; a step that would start at or beyond it does not start. <see langword="null"/>: none.</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>Token cap; <see langword="null"/>: none.</summary>
    public long? MaxTokens { get; init; }

    /// <summary>Wait for a person to approve the plan (external event <c>approval</c>).</summary>
    public bool ApprovePlan { get; init; }

    /// <summary>How long the approval gate waits. Default 24 hours.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The test command; <see langword="null"/>: detected from the workspace.</summary>
    public string? TestCommand { get; init; }

    /// <summary>The replay scenario (provider <c>replay</c>). Default <c>demo</c>.</summary>
    public string? Scenario { get; init; }

    /// <summary>Delay per replayed turn (demos and crash tests). Default none.</summary>
    public TimeSpan? ReplayDelay { get; init; }

    /// <summary>The QA and Security gates. Filled from the configuration when the project starts
    /// (<see cref="Hosting.WorkflowOptions.Gates"/>); <see langword="null"/> in projects started before the gates existed,
    /// which therefore run (and replay) without them.</summary>
    public GateSettings? Gates { get; init; }

    /// <summary>What the starter asked of the gates over the configured ones (API body <c>gates</c>, <c>nexus run --gates</c>):
    /// folded into <see cref="Gates"/> when the project starts and then cleared, so it is never stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public GateChoice? GateChoice { get; init; }

    /// <summary>Whether the project uses the memory across projects: Aria and Prime get the lessons of earlier projects, and
    /// what this one learned is stored when it ends. Filled from the configuration when the project starts
    /// (<see cref="Hosting.WorkflowOptions.Memory"/>); <see langword="null"/> in projects started before the memory existed,
    /// which therefore run (and replay) without it.</summary>
    public bool? Memory { get; init; }

    /// <summary>The project template's name (<c>nexus templates</c> lists them); <see langword="null"/>: none.</summary>
    public string? Template { get; init; }

    /// <summary>The template itself, read when the project starts (<see cref="Templates.TemplateCatalog.Resolve"/>) so
    /// that a replay or retry never reads its files; <see langword="null"/> without a template.</summary>
    public ProjectTemplate? ResolvedTemplate { get; init; }

    /// <summary>Set by a retry (<c>ProjectClient.RetryAsync</c>), never by a start: this run continues a
    /// failed or terminated one from its journal. <see langword="null"/>: a run from the start.</summary>
    public ProjectRetry? Retry { get; init; }
}
