namespace Nexus.Agents.Scratchpads;

/// <summary>A scratchpad write kept losing the race against other writers of the same pad and gave up.</summary>
/// <remarks>
/// Thrown by <see cref="BlobScratchpadStore"/> when every one of its <see cref="BlobScratchpadStoreOptions.MaxWriteAttempts"/>
/// read-modify-write attempts found the pad changed by someone else before its conditional write landed. Nothing of this
/// write was stored; writing the same entry again is safe (writes are upserts by step key).
/// </remarks>
public sealed class ScratchpadConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ScratchpadConflictException()
    {
    }

    /// <summary>Creates the exception with a message that says which pad and how often it was tried.</summary>
    public ScratchpadConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the last conflict the store saw.</summary>
    public ScratchpadConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
