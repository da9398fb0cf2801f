namespace Nexus.Api.Contracts;

/// <summary>The answer of <c>GET /api/memory?q=</c>: the entries of the memory across projects most relevant to the query.</summary>
/// <param name="Query">The query as given.</param>
/// <param name="Store">Which memory answered (SQLite FTS5 or PostgreSQL full-text search).</param>
/// <param name="Results">Best first.</param>
internal sealed record MemorySearchResponse(string Query, string Store, IReadOnlyList<MemorySearchResult> Results);
