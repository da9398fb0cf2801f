namespace Nexus.Durable.InMemory;

/// <summary>Options of <see cref="InMemoryDurableStore"/>.</summary>
public sealed class InMemoryStoreOptions
{
    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Values at least this long (characters) are stored once per instance and referenced. Default 8 KiB.</summary>
    public int PayloadThreshold { get; set; } = 8 * 1024;
}
