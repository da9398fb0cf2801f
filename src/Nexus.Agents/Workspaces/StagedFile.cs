namespace Nexus.Agents.Workspaces;

/// <summary>A file that staged changes create or modify, with what they add to it.</summary>
/// <param name="Path">The workspace-relative path (with <c>/</c>).</param>
/// <param name="AddedLines">The added lines of a text file; for a binary file of at most
/// <see cref="GitWorkspace.MaxReadBinaryBytes"/>, its whole content split at line breaks.</param>
/// <param name="IsBinary">Whether git treats the file as binary.</param>
/// <param name="ContentSkipped"><see langword="true"/> for a binary file larger than <see cref="GitWorkspace.MaxReadBinaryBytes"/>:
/// its content was not read.</param>
public sealed record StagedFile(string Path, IReadOnlyList<AddedLine> AddedLines, bool IsBinary = false, bool ContentSkipped = false);
