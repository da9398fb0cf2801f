namespace Nexus.Durable.Storage;

/// <summary>A filter over instances, with paging. Results are ordered by <see cref="OrderBy"/> (creation time unless
/// told), then id — ascending, or descending with <see cref="Descending"/>.</summary>
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

    /// <summary>The column the results are ordered by, ties broken by id. Default <see cref="InstanceOrder.CreatedTime"/>.</summary>
    public InstanceOrder OrderBy { get; init; }

    /// <summary>Descending: the <see cref="OrderBy"/> column, then the id, from high to low (newest first for the times).
    /// Default <see langword="false"/> (ascending). A continuation token continues in the order of the query that made it:
    /// pass the same <see cref="OrderBy"/> and <see cref="Descending"/> with it.</summary>
    public bool Descending { get; init; }
}
