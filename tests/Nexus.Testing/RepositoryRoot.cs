namespace Nexus.Testing;

/// <summary>The repository the tests run from: the nearest folder above the test binaries that holds <c>scripts/</c>
/// and the solution file.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> _path = new(Search);

    /// <summary>The repository's root folder.</summary>
    /// <exception cref="InvalidOperationException">The tests do not run from inside a NEXUS checkout.</exception>
    public static string Find() => _path.Value;

    private static string Search()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nexus.Functions.sln")) && Directory.Exists(Path.Combine(directory.FullName, "scripts")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No NEXUS checkout (Nexus.Functions.sln and scripts/) above {AppContext.BaseDirectory}.");
    }
}
