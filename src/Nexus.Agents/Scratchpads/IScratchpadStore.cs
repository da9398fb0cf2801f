namespace Nexus.Agents.Scratchpads;

/// <summary>Where agents leave notes for each other: per project, named Markdown pads made of step-keyed entries.</summary>
/// <remarks>
/// Contract every implementation keeps (and the shared contract tests check):
/// <list type="bullet">
/// <item>Project ids follow <see cref="ProjectIds"/> and pad names follow <see cref="ScratchpadNames"/>; anything else throws
/// <see cref="ArgumentException"/> before any I/O.</item>
/// <item>Writing is an upsert by <see cref="ScratchpadEntry.StepKey"/>: an entry with a new step key is appended; one with an
/// existing step key replaces that entry where it stands. Writing the same entry twice leaves the pad as after one write,
/// so retried steps are safe.</item>
/// <item>Content (and author) are redacted with a <see cref="Security.SecretRedactor"/> before anything is stored; a secret
/// handed to <see cref="WriteAsync"/> is never persisted or returned by <see cref="ReadAsync"/>.</item>
/// <item>Content is normalized: line endings become <c>\n</c> and trailing blank lines are dropped. What
/// <see cref="WriteAsync"/> returns is exactly what <see cref="ReadAsync"/> will return for that entry.</item>
/// <item>Writes to one pad are serialized within a store instance; each write is all-or-nothing (a reader sees the pad
/// before or after it, never half of it).</item>
/// </list>
/// </remarks>
public interface IScratchpadStore
{
    /// <summary>Adds or replaces (by step key) an entry of pad <paramref name="pad"/>; returns the entry as stored (redacted, normalized).</summary>
    ValueTask<ScratchpadEntry> WriteAsync(string projectId, string pad, ScratchpadEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Reads a pad, or <see langword="null"/> when nothing was ever written to it.</summary>
    ValueTask<Scratchpad?> ReadAsync(string projectId, string pad, CancellationToken cancellationToken = default);

    /// <summary>The names of the project's pads that have content, in ordinal order (empty for an unknown project).</summary>
    ValueTask<IReadOnlyList<string>> ListAsync(string projectId, CancellationToken cancellationToken = default);
}
