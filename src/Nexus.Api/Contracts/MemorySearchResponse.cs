using Nexus.Workflows.Memory;

namespace Nexus.Api.Contracts;

/// <summary>The answer of <c>GET /api/memory?q=</c>: the entries of the memory across projects most relevant to the query.</summary>
/// <param name="Query">The query as given.</param>
/// <param name="Store">Which memory answered (SQLite FTS5 or PostgreSQL full-text search).</param>
/// <param name="Results">Best first.</param>
internal sealed record MemorySearchResponse(string Query, string Store, IReadOnlyList<MemorySearchResult> Results)
{
    /// <summary>The answer for <paramref name="hits"/> of <paramref name="memory"/> (scores rounded to 6 places).</summary>
    public static MemorySearchResponse From(string query, IProjectMemory memory, IReadOnlyList<MemoryHit> hits)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(hits);
        return new MemorySearchResponse(
            query,
            memory.Description,
            [.. hits.Select(h => new MemorySearchResult(h.Entry.ProjectId, h.Entry.Kind, h.Entry.Title, h.Entry.Text, h.Entry.Created, Math.Round(h.Score, 6)))]);
    }
}
