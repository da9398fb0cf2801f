using Nexus.Workflows.Model;

namespace Nexus.Api.Contracts;

/// <summary>The answer of <c>GET /api/tasks/{id}/status</c>.</summary>
internal sealed record TaskStatusResponse
{
    /// <summary>The task (project) id.</summary>
    public required string TaskId { get; init; }

    /// <summary><c>pending</c>, <c>running</c>, <c>suspended</c>, <c>completed</c>, <c>failed</c> or <c>terminated</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The live status (phase, iteration, agents, progress, cost, tests).</summary>
    public ProjectStatus? Progress { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedTime { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset LastUpdatedTime { get; init; }
}
