namespace Nexus.Durable.Storage;

/// <summary>Which terminal instances to purge. Active instances are never purged.</summary>
public sealed record PurgeFilter
{
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only these terminal statuses (empty: all terminal statuses).</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus> RuntimeStatus { get; init; } = [];
}
