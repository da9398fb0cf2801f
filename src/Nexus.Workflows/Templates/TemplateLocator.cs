namespace Nexus.Workflows.Templates;

/// <summary>Finds the templates shipped with NEXUS: <c>NEXUS_TEMPLATES</c>, <c>templates</c> next to the program, or in a
/// parent folder (a source checkout) — the way <see cref="Hosting.ScenarioLocator"/> finds the replay scenarios.</summary>
public static class TemplateLocator
{
    /// <summary>The environment variable that names the built-in templates folder.</summary>
    public const string Variable = "NEXUS_TEMPLATES";

    /// <summary>The folder every built-in template has (how a <c>templates</c> folder is recognised).</summary>
    public const string Marker = "node-library";

    /// <summary>The built-in templates folder, or <see langword="null"/> when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "templates");
                if (File.Exists(Path.Combine(candidate, Marker, TemplateCatalog.ManifestFile)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
