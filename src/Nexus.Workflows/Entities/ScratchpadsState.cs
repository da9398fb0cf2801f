using Nexus.Agents.Scratchpads;

namespace Nexus.Workflows.Entities;

/// <summary>The durable scratchpads of one project: per pad, its entries in order.</summary>
public sealed class ScratchpadsState
{
    /// <summary>Entries by pad name.</summary>
    public Dictionary<string, List<ScratchpadEntry>> Pads { get; set; } = new(StringComparer.Ordinal);
}
