namespace Nexus.Workflows.Live;

/// <summary>One thing an agent did while its step runs — a tool use, a retry, a session restart — for live views only.</summary>
/// <remarks>Live activity is not history: it is never stored, a view that was not listening does not get it later (beyond
/// the last few per project, see <see cref="LiveActivityFeed.RecentLimit"/>), and what must survive is the step's result,
/// recorded once. Texts are redacted before they are published.</remarks>
public sealed record LiveActivity
{
    /// <summary>The order of publication in this process (increasing, never reused while it runs); set by the feed.</summary>
    public long Sequence { get; init; }

    /// <summary>The project.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The agent (aria, code, alpha, beta, prime), or <c>nexus</c> for what the workflow itself reports.</summary>
    public required string AgentId { get; init; }

    /// <summary>The agent's display name (Code).</summary>
    public string? AgentName { get; init; }

    /// <summary>The step (<c>implement/code/001</c>) the activity belongs to.</summary>
    public string? StepKey { get; init; }

    /// <summary>What it is about.</summary>
    public LiveActivityKind Kind { get; init; }

    /// <summary>One line for people: <c>Write src/csv2json.js</c>.</summary>
    public required string Text { get; init; }

    /// <summary>The tool, for <see cref="LiveActivityKind.Tool"/>.</summary>
    public string? Tool { get; init; }

    /// <summary>The file (relative to the workspace), command or pattern the tool worked on.</summary>
    public string? Target { get; init; }

    /// <summary>When it happened (the feed's clock when not set).</summary>
    public DateTimeOffset Timestamp { get; init; }
}
