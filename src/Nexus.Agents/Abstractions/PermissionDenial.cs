namespace Nexus.Agents.Abstractions;

/// <summary>A tool use the agent's permission settings refused.</summary>
public sealed record PermissionDenial(string ToolName, string? Detail);
