namespace Nexus.Api.Contracts;

/// <summary>One entry of the memory across projects found by a search.</summary>
internal sealed record MemorySearchResult(string ProjectId, string Kind, string Title, string Text, DateTimeOffset Created, double Score);
