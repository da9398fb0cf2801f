using Nexus.Workflows.Model;

namespace Nexus.Api.Contracts;

/// <summary>The answer of <c>GET /api/tasks/{id}/result</c>.</summary>
internal sealed record TaskResultResponse
{
    /// <summary>The task (project) id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The status in lower case.</summary>
    public required string Status { get; init; }

    /// <summary>The report of a completed task.</summary>
    public ProjectReport? Result { get; init; }

    /// <summary>Why a failed or terminated task stopped.</summary>
    public string? Error { get; init; }
}
