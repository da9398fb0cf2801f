namespace Nexus.Api.Contracts;

/// <summary>A diff between two commits of a project's workspace.</summary>
internal sealed record DiffResponse(string From, string? To, string Diff);
