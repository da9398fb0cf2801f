using System.Text.Json;

namespace Nexus.Agents.Testing;

/// <summary>Works out a workspace's test command from the files in it.</summary>
/// <remarks>
/// In order: a <c>*.sln</c>/<c>*.csproj</c> → <c>dotnet test</c> (at the root, or naming the shallowest solution or test
/// project below it); <c>package.json</c> with a real <c>test</c> script → <c>npm test</c>; <c>*.test.js</c>/<c>*.test.mjs</c>/<c>*.test.cjs</c>
/// files → <c>node --test</c>; <c>pytest.ini</c>, <c>conftest.py</c>, <c>test_*.py</c> or <c>*_test.py</c> → <c>python3 -m pytest</c>
/// (the runner falls back to <c>python3 -m unittest discover</c> when pytest is not installed); <c>go.mod</c> → <c>go test ./...</c>;
/// <c>Cargo.toml</c> → <c>cargo test</c>. <c>node_modules</c>, <c>.git</c>, <c>bin</c>, <c>obj</c> and virtual environments are not searched.
/// </remarks>
public static class TestCommandDetector
{
    private const int MaxDepth = 4;

    private static readonly HashSet<string> _skippedFolders = new(StringComparer.Ordinal)
    {
        "node_modules", ".git", "bin", "obj", ".venv", "venv", "__pycache__", "target", "dist", "build", ".nexus",
    };

    /// <summary>The node command <see cref="Detect"/> uses (TAP output, which the parser reads).</summary>
    public static TestCommand NodeTest { get; } = new(TestFramework.NodeTest, "node", ["--test", "--test-reporter=tap"]);

    /// <summary>The pytest command: failures summarized (<c>-rfE</c>), no cache folder written into the workspace.</summary>
    public static TestCommand Pytest { get; } = new(TestFramework.Pytest, "python3", ["-m", "pytest", "-rfE", "-p", "no:cacheprovider"]);

    /// <summary>The fallback when pytest is not installed.</summary>
    public static TestCommand Unittest { get; } = new(TestFramework.Unittest, "python3", ["-m", "unittest", "discover"]);

    /// <summary>Returns the test command for <paramref name="workspaceDirectory"/>, or <see langword="null"/> when nothing looks like tests.</summary>
    public static TestCommand? Detect(string workspaceDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceDirectory);
        var root = new DirectoryInfo(workspaceDirectory);
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"The workspace '{workspaceDirectory}' does not exist.");
        }

        var files = EnumerateFiles(root).ToList();
        string Relative(FileInfo file) => Path.GetRelativePath(root.FullName, file.FullName).Replace('\\', '/');
        bool AtRoot(FileInfo file) => string.Equals(file.DirectoryName, root.FullName, StringComparison.Ordinal);
        IEnumerable<FileInfo> Shallowest(Func<FileInfo, bool> predicate) =>
            files.Where(predicate).OrderBy(f => Relative(f).Count(c => c == '/')).ThenBy(Relative, StringComparer.Ordinal);

        var dotnet = files.Where(f => f.Extension is ".sln" or ".slnx" or ".csproj" or ".fsproj").ToList();
        if (dotnet.Count > 0)
        {
            if (dotnet.Any(AtRoot))
            {
                return new TestCommand(TestFramework.Dotnet, "dotnet", ["test", "--nologo"]);
            }

            var target = Shallowest(f => f.Extension is ".sln" or ".slnx").FirstOrDefault()
                ?? Shallowest(f => f.Extension is ".csproj" or ".fsproj" && f.Name.Contains("test", StringComparison.OrdinalIgnoreCase)).FirstOrDefault()
                ?? Shallowest(f => f.Extension is ".csproj" or ".fsproj").First();
            return new TestCommand(TestFramework.Dotnet, "dotnet", ["test", Relative(target), "--nologo"]);
        }

        if (files.FirstOrDefault(f => AtRoot(f) && f.Name == "package.json") is { } packageJson && HasTestScript(packageJson))
        {
            return new TestCommand(TestFramework.Npm, "npm", ["test"]);
        }

        if (files.Any(f => f.Name.EndsWith(".test.js", StringComparison.Ordinal) || f.Name.EndsWith(".test.mjs", StringComparison.Ordinal) || f.Name.EndsWith(".test.cjs", StringComparison.Ordinal)))
        {
            return NodeTest;
        }

        if (files.Any(f => f.Name is "pytest.ini" or "conftest.py" || (f.Extension == ".py" && (f.Name.StartsWith("test_", StringComparison.Ordinal) || f.Name.EndsWith("_test.py", StringComparison.Ordinal)))))
        {
            return Pytest;
        }

        if (files.Any(f => AtRoot(f) && f.Name == "go.mod"))
        {
            return new TestCommand(TestFramework.Go, "go", ["test", "./..."]);
        }

        if (files.Any(f => AtRoot(f) && f.Name == "Cargo.toml"))
        {
            return new TestCommand(TestFramework.Cargo, "cargo", ["test"]);
        }

        return null;
    }

    /// <summary><see langword="true"/> unless the script is missing or npm's placeholder ("no test specified").</summary>
    private static bool HasTestScript(FileInfo packageJson)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson.FullName));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("scripts", out var scripts)
                && scripts.ValueKind == JsonValueKind.Object
                && scripts.TryGetProperty("test", out var test)
                && test.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(test.GetString())
                && !test.GetString()!.Contains("no test specified", StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<FileInfo> EnumerateFiles(DirectoryInfo root)
    {
        var pending = new Queue<(DirectoryInfo Directory, int Depth)>([(root, 0)]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var entry in current.Directory.EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue; // Never follow links out of the workspace.
                }

                if (entry is FileInfo file)
                {
                    yield return file;
                }
                else if (entry is DirectoryInfo directory && current.Depth < MaxDepth && !_skippedFolders.Contains(directory.Name))
                {
                    pending.Enqueue((directory, current.Depth + 1));
                }
            }
        }
    }
}
