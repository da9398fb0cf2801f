using Nexus.Agents.Scratchpads;

namespace Nexus.Workflows.Entities;

/// <summary>One entry a step wrote to one handoff scratchpad (recorded in the step's result).</summary>
public sealed record ScratchpadWrite(string Pad, ScratchpadEntry Entry);
