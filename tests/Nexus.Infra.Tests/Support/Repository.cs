namespace Nexus.Infra.Tests.Support;

/// <summary>Paths in the repository under test (found from the test assembly's folder upwards).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root: the folder with <c>Nexus.Functions.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root, given with forward slashes.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The text of a file under the repository root.</summary>
    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nexus.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Nexus.Functions.sln above {AppContext.BaseDirectory}.");
    }
}
