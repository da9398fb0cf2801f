namespace Nexus.Workflows.Memory;

/// <summary>The memory across projects: what each finished project learned (its plan, Prime's decisions, the failing
/// tests and the changes that fixed them, the final QA and Security reports) as searchable entries, and a short record
/// of each agent's conversation.</summary>
/// <remarks>
/// Implementations: SQLite FTS5 in its own file under the data directory (the embedded default) and PostgreSQL full-text
/// search in the NEXUS schema (the shared store); the composition root picks one from the store kind.
/// <see cref="RememberAsync"/> replaces what a project stored before, so a step that runs again (a retry, a replayed
/// activity) never duplicates entries. Entries arrive redacted: the store keeps what it is given.
/// Safe to call from several threads and processes at once.
/// </remarks>
public interface IProjectMemory
{
    /// <summary>What this memory is and where it lives (for messages; never holds a secret).</summary>
    string Description { get; }

    /// <summary>Stores <paramref name="entries"/> and <paramref name="conversation"/> as everything
    /// <paramref name="projectId"/> learned, replacing what it stored before. Returns the number of entries stored.</summary>
    ValueTask<int> RememberAsync(string projectId, IReadOnlyList<MemoryEntry> entries, IReadOnlyList<ConversationTurn> conversation, CancellationToken cancellationToken = default);

    /// <summary>The entries most relevant to <paramref name="query"/> (full-text search, best first), at most
    /// <paramref name="limit"/>, none of <paramref name="excludeProjectId"/> when given. A query without a searchable word
    /// finds nothing.</summary>
    ValueTask<IReadOnlyList<MemoryHit>> SearchAsync(string query, int limit, string? excludeProjectId = null, CancellationToken cancellationToken = default);

    /// <summary>The conversation turns stored for <paramref name="projectId"/>, by agent and turn.</summary>
    ValueTask<IReadOnlyList<ConversationTurn>> ConversationAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Removes everything <paramref name="projectId"/> stored (a purge); returns the number of entries removed.</summary>
    ValueTask<int> ForgetAsync(string projectId, CancellationToken cancellationToken = default);
}
