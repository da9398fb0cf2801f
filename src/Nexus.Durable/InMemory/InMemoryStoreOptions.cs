namespace Nexus.Durable.InMemory;

/// <summary>Options of <see cref="InMemoryDurableStore"/>.</summary>
public sealed class InMemoryStoreOptions
{
    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Values longer than this many UTF-8 bytes are stored once per instance and referenced. Default 8 KiB.</summary>
    public int PayloadThresholdBytes { get; set; } = 8 * 1024;
}
