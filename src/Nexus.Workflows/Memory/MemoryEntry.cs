namespace Nexus.Workflows.Memory;

/// <summary>One thing a project learned, as the memory keeps it.</summary>
/// <param name="ProjectId">The project it comes from (what a prompt cites).</param>
/// <param name="Kind">What it is: one of <see cref="MemoryKinds"/>.</param>
/// <param name="Title">A short title.</param>
/// <param name="Text">The lesson itself (redacted).</param>
/// <param name="Created">When it was stored.</param>
public sealed record MemoryEntry(string ProjectId, string Kind, string Title, string Text, DateTimeOffset Created);
