namespace Nexus.Durable.Storage;

/// <summary>The column an instance query is ordered by; ties are broken by instance id (ordinal), so paging is exact.</summary>
public enum InstanceOrder
{
    /// <summary>Creation time (the default).</summary>
    CreatedTime,

    /// <summary>Last update time. A row updated while the pages are read may move past the position already read (or
    /// appear twice): the order is exact for each page and for rows that do not change.</summary>
    LastUpdatedTime,

    /// <summary>Runtime status, by its number (<see cref="OrchestrationRuntimeStatus"/>: Pending, Running, Completed,
    /// ContinuedAsNew, Failed, Canceled, Terminated, Suspended).</summary>
    RuntimeStatus,

    /// <summary>Instance id alone.</summary>
    InstanceId,
}
