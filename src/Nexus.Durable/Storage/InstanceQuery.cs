namespace Nexus.Durable.Storage;

/// <summary>A filter over instances, with paging. Results are ordered by creation time, then id (oldest first, or newest
/// first with <see cref="NewestFirst"/>).</summary>
public sealed record InstanceQuery
{
    /// <summary>Only these statuses (empty: any).</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus> RuntimeStatus { get; init; } = [];

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Instance ids starting with this prefix (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Page size (1–1000). Default 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The token of the previous page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Include entity instances. Default <see langword="false"/>.</summary>
    public bool IncludeEntities { get; init; }

    /// <summary>Newest first: descending creation time, then descending id. Default <see langword="false"/> (oldest first).
    /// A continuation token continues in the order of the query that made it.</summary>
    public bool NewestFirst { get; init; }
}
