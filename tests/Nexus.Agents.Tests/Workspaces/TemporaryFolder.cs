namespace Nexus.Agents.Tests.Workspaces;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Join(System.IO.Path.GetTempPath(), "nexus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Join([Path, .. parts]);

    public string CreateFolder(params string[] parts)
    {
        var full = Combine(parts);
        Directory.CreateDirectory(full);
        return full;
    }

    public string WriteFile(string relativePath, string content)
    {
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Every file, folder and link below the folder with its content (links as "-> target", never followed), for before/after comparisons.</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(Path));
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in folder.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
            {
                var relative = System.IO.Path.GetRelativePath(Path, entry.FullName);
                if (entry.LinkTarget is not null)
                {
                    result[relative] = "-> " + entry.LinkTarget;
                }
                else if (entry is DirectoryInfo directory)
                {
                    result[relative] = "<dir>";
                    pending.Push(directory);
                }
                else
                {
                    result[relative] = File.ReadAllText(entry.FullName);
                }
            }
        }

        return result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
