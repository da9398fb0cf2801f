namespace Nexus.Agents.Tests.Testing;

/// <summary>A temporary folder with files, deleted on dispose.</summary>
internal sealed class TestWorkspace : IDisposable
{
    public TestWorkspace(params (string Path, string Content)[] files)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("nexus-tests-").FullName;
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }
    }

    public string Directory { get; }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
