namespace Nexus.Workflows.Activities;

/// <summary>What <see cref="RecordMemoryActivity"/> did, as the history records it.</summary>
/// <param name="Entries">Entries stored (0 when no memory is configured).</param>
/// <param name="Message">Where they went, or why nothing was stored.</param>
public sealed record MemoryOutcome(int Entries, string Message);
