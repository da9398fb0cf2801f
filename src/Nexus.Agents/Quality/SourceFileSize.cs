namespace Nexus.Agents.Quality;

/// <summary>A source file and its length.</summary>
/// <param name="File">The workspace-relative path.</param>
/// <param name="Lines">Its number of lines.</param>
public sealed record SourceFileSize(string File, int Lines);
