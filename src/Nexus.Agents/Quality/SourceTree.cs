namespace Nexus.Agents.Quality;

/// <summary>The source files of a workspace as the QA gate sees them: dependency, build and tool folders skipped, no
/// symbolic links, no file over <see cref="QualityGate.MaxFileBytes"/> read.</summary>
internal static class SourceTree
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", ".git", "bin", "obj", ".venv", "venv", "__pycache__", "target", "dist", "build", "coverage", ".nexus",
    };

    /// <summary>Every file under <paramref name="root"/>, workspace-relative with <c>/</c>.</summary>
    public static IEnumerable<string> Files(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    if (!SkippedFolders.Contains(entry.Name))
                    {
                        pending.Push(entry.FullName);
                    }
                }
                else
                {
                    yield return Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                }
            }
        }
    }

    /// <summary>The text of <paramref name="file"/>, or <see langword="null"/> when it is a link, missing or too large.</summary>
    public static string? Read(string root, string file)
    {
        var info = new FileInfo(Path.Combine(root, file));
        return info.Exists && info.Length <= QualityGate.MaxFileBytes && info.LinkTarget is null ? File.ReadAllText(info.FullName) : null;
    }

    /// <summary>The files of <paramref name="files"/> that can be read, with their number of lines.</summary>
    public static List<SourceFileSize> Sizes(string root, IEnumerable<string> files) =>
        [.. files.Select(f => (File: f, Source: Read(root, f))).Where(f => f.Source is not null).Select(f => new SourceFileSize(f.File, CountLines(f.Source!)))];

    /// <summary>The number of lines of <paramref name="source"/> (a last line without a newline counts).</summary>
    public static int CountLines(string source) => source.Count(c => c == '\n') + (source.EndsWith('\n') || source.Length == 0 ? 0 : 1);

    /// <summary>Makes a path a tool reported relative to <paramref name="root"/>; <see langword="null"/> when it is outside.</summary>
    public static string? Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, Path.Combine(root, path)).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? null : relative;
    }
}
