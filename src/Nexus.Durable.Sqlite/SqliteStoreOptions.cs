namespace Nexus.Durable.Sqlite;

/// <summary>Options of a <see cref="SqliteDurableStore"/>. Validated when the store is created.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file (created when missing). Required.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How hard commits are pushed to disk. Default <see cref="SqliteDurability.Full"/> (every commit synced).</summary>
    /// <remarks>Commits that only take, renew or release leases are never synced on their own: losing one on power loss
    /// only means the work runs again, and the next synced commit syncs them too.</remarks>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>Values (inputs, outputs, event data) larger than this many UTF-8 bytes are stored once per instance and
    /// referenced. Default 8 KiB.</summary>
    public int PayloadThresholdBytes { get; set; } = 8 * 1024;

    /// <summary>How many read connections (WAL readers that never wait for the writer) the store keeps. Default 4.</summary>
    public int ReadConnections { get; set; } = 4;

    /// <summary>How long a statement waits for a lock held by another process before failing. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many write requests share one transaction (group commit). Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>The clock for leases, visibility times and timestamps. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Whether groups of lease operations only (lock, renew, abandon) commit without a sync. Default
    /// <see langword="true"/>; internal so benchmarks can compare.</summary>
    internal bool UnsyncedLeaseGroups { get; set; } = true;

    /// <summary>Test hook: runs on the writer thread right before each COMMIT; throwing rolls the whole group back.</summary>
    internal Action? BeforeCommit { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("A database path is required.", nameof(DatabasePath));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(PayloadThresholdBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (!Enum.IsDefined(Durability))
        {
            throw new ArgumentOutOfRangeException(nameof(Durability), Durability, "Unknown durability.");
        }
    }
}
