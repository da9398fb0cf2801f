namespace Nexus.Workflows.Memory;

/// <summary>A search result: the entry and its relevance (higher is more relevant; comparable within one search only).</summary>
public sealed record MemoryHit(MemoryEntry Entry, double Score);
