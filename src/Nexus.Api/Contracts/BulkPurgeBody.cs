using System.Text.Json.Serialization;

namespace Nexus.Api.Contracts;

/// <summary>The body of <c>POST /api/projects/purge</c>: either <see cref="Ids"/> (the projects selected) or a filter — the
/// list's filters and/or <see cref="OlderThanDays"/>. Only finished projects are ever purged. Unknown fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record BulkPurgeBody
{
    /// <summary>These projects (at most 1,000); a running or unknown one is skipped and named in the answer.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Finished statuses to purge: Completed, Failed, Terminated (default: all three).</summary>
    public IReadOnlyList<string>? RuntimeStatus { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedTimeFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTimeTo { get; init; }

    /// <summary>Ids starting with this (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>A case-insensitive part of the id or the description.</summary>
    public string? Search { get; init; }

    /// <summary>Created more than this many days ago (1–36,500).</summary>
    public int? OlderThanDays { get; init; }
}
