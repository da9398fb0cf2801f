namespace Nexus.Workflows.Hosting;

/// <summary>Finds the bundled replay scenarios: <c>NEXUS_SCENARIOS</c>, <c>samples</c> next to the program, or in a parent folder (a source checkout).</summary>
public static class ScenarioLocator
{
    /// <summary>The environment variable that names the scenarios folder.</summary>
    public const string Variable = "NEXUS_SCENARIOS";

    /// <summary>The scenarios folder.</summary>
    /// <exception cref="DirectoryNotFoundException">None was found.</exception>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples");
                if (Directory.Exists(Path.Combine(candidate, "demo")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"The replay scenarios (samples/demo) were not found; set {Variable} to their folder.");
    }
}
