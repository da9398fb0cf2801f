using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Nexus.Compatibility.Backends;

/// <summary>Where and how <see cref="MicrosoftAzureStorageBackend"/> runs.</summary>
public sealed class MicrosoftAzureStorageBackendOptions
{
    /// <summary>An Azure Storage connection string (Azurite's in the tests). Required.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The task hub: its queues, tables and blob containers are named after it. Required; unique per backend.</summary>
    public required string TaskHubName { get; init; }

    /// <summary>
    /// The longest pause between two reads of an empty queue. Default 50 ms: the least DurableTask.AzureStorage
    /// honours — its polling starts at 50 ms and backs off up to this value (its own default is 30 s, which would leave
    /// an idle worker up to 30 s behind a new message).
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The number of control-queue partitions. Default 1: one worker, and the fastest start (one lease).</summary>
    public int PartitionCount { get; init; } = 1;

    /// <summary>Where the sidecar, the storage service, the worker and the client log. Default: nowhere.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
