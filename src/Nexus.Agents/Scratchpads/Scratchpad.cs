namespace Nexus.Agents.Scratchpads;

/// <summary>A scratchpad as read from a store: its entries in order and the Markdown they render to.</summary>
/// <param name="ProjectId">The project the pad belongs to.</param>
/// <param name="Name">The pad's name (see <see cref="ScratchpadNames"/>).</param>
/// <param name="Entries">Entries in the order they were first written (a replaced entry keeps its place).</param>
/// <param name="Markdown">The whole pad as Markdown, exactly as <see cref="FileScratchpadStore"/> writes it to disk and <see cref="BlobScratchpadStore"/> to its blob.</param>
public sealed record Scratchpad(string ProjectId, string Name, IReadOnlyList<ScratchpadEntry> Entries, string Markdown);
