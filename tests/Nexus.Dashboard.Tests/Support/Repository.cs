namespace Nexus.Dashboard.Tests.Support;

/// <summary>Paths in the source checkout the tests run from.</summary>
internal static class Repository
{
    /// <summary>The checkout's root (the folder with Nexus.Functions.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The replay scenarios.</summary>
    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The dashboard's source files (embedded into Nexus.Server).</summary>
    public static string DashboardSources => Path.Combine(Root, "src", "Nexus.Server", "Dashboard");

    /// <summary>Where scripts/test.sh collects results; screenshots go here too.</summary>
    public static string TestResults => Path.Combine(Root, "artifacts", "test-results");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nexus.Functions.sln")) && Directory.Exists(Path.Combine(dir.FullName, "samples", "demo")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Nexus.Functions.sln with samples/demo was not found above the test output directory.");
    }
}
