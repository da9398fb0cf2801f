namespace Nexus.Agents.Scratchpads;

/// <summary>One contribution to a scratchpad, identified by the workflow step that wrote it.</summary>
/// <remarks>
/// <see cref="StepKey"/> is the identity: writing an entry whose step key is already present replaces that entry in place,
/// so a retried step overwrites its earlier attempt instead of appending a second copy.
/// </remarks>
public sealed record ScratchpadEntry
{
    /// <summary>The step that wrote the entry (for example <c>iteration-2/implement</c>); unique within a pad.</summary>
    public required string StepKey { get; init; }

    /// <summary>Who wrote it (an agent name such as <c>ARIA</c>, or <c>orchestrator</c>).</summary>
    public required string Author { get; init; }

    /// <summary>When it was written (taken from the workflow, not from the store's clock, so replays are stable).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Markdown text. Stores redact it and normalize line endings to <c>\n</c> and drop trailing blank lines.</summary>
    public required string Content { get; init; }
}
