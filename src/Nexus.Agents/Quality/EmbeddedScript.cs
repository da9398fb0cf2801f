namespace Nexus.Agents.Quality;

/// <summary>The Python scripts the QA gate runs, shipped inside this assembly (<c>Quality/Python/*.py</c>).</summary>
internal static class EmbeddedScript
{
    /// <summary>The text of the script <paramref name="name"/> (for example <c>complexity.py</c>).</summary>
    public static string Read(string name)
    {
        using var stream = typeof(EmbeddedScript).Assembly.GetManifestResourceStream($"Nexus.Agents.Quality.Python.{name}")
            ?? throw new InvalidOperationException($"The script {name} is not embedded in {typeof(EmbeddedScript).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
