namespace Nexus.Workflows.Model;

/// <summary>A commit an agent made in the project's workspace.</summary>
public sealed record CommitRecord(string Agent, string Commit, string Message);
