namespace Nexus.Agents.Scratchpads;

/// <summary>Settings of a <see cref="BlobScratchpadStore"/>.</summary>
public sealed class BlobScratchpadStoreOptions
{
    /// <summary>The container the pads live in unless configured otherwise.</summary>
    public const string DefaultContainerName = "scratchpads";

    /// <summary>
    /// The container the factory methods (<see cref="BlobScratchpadStore.Create(string, BlobScratchpadStoreOptions?, Security.SecretRedactor?)"/>
    /// and its service-URI overload) open. Default <see cref="DefaultContainerName"/>. The constructor that takes a container
    /// client uses that client's container instead.
    /// </summary>
    public string ContainerName { get; init; } = DefaultContainerName;

    /// <summary>
    /// How many read-modify-write attempts one write makes before it gives up with a <see cref="ScratchpadConflictException"/>
    /// because other writers kept changing the pad first. Default 10.
    /// </summary>
    public int MaxWriteAttempts { get; init; } = 10;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">The container name is blank or the attempt count is below 1.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ContainerName);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWriteAttempts, 1);
    }
}
