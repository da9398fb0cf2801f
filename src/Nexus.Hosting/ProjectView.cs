using Nexus.Durable;
using Nexus.Durable.History;

using Nexus.Workflows.Model;

namespace Nexus.Hosting;

/// <summary>A project as clients see it: the Durable status plus its typed request, live status and report.</summary>
public sealed record ProjectView
{
    /// <summary>The project (instance) id.</summary>
    public required string Id { get; init; }

    /// <summary>The runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>What was asked.</summary>
    public ProjectRequest? Request { get; init; }

    /// <summary>The live status (custom status).</summary>
    public ProjectStatus? Status { get; init; }

    /// <summary>The final report of a completed project.</summary>
    public ProjectReport? Report { get; init; }

    /// <summary>Why it failed.</summary>
    public FailureDetails? Failure { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>The project's git workspace.</summary>
    public required string Workspace { get; init; }

    /// <summary>The history, when asked for.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; init; }
}
