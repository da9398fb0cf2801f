namespace Nexus.Agents.Workspaces;

/// <summary>One file edit returned by a chat-model agent: the full new content of a file, or its deletion.</summary>
/// <param name="Path">The file's path relative to the workspace root, with <c>/</c> (or <c>\</c>) between segments.</param>
/// <param name="Content">The file's complete new content (UTF-8); <see langword="null"/> when <paramref name="Delete"/> is set.</param>
/// <param name="Delete">Deletes the file instead of writing it.</param>
public sealed record FileEdit(string Path, string? Content, bool Delete = false)
{
    /// <summary>An edit that writes <paramref name="content"/> to <paramref name="path"/> (creating folders as needed).</summary>
    public static FileEdit Write(string path, string content) => new(path, content);

    /// <summary>An edit that deletes <paramref name="path"/>; deleting a file that does not exist is not an error.</summary>
    public static FileEdit Remove(string path) => new(path, null, Delete: true);
}
