using System.Text;

namespace Nexus.Workflows.Tests.Sandboxing;

/// <summary>Collects everything that left the sandbox or that NEXUS shows (requests to the model provider, API responses,
/// commits, logs, files) and finds the canaries in it.</summary>
internal sealed class LeakScanner(IReadOnlyDictionary<string, string> canaries)
{
    private readonly List<(string Source, string Text)> _texts = [];

    /// <summary>The sources scanned so far, with their sizes (for the test's diagnostics).</summary>
    public IReadOnlyList<string> Sources => [.. _texts.Select(t => $"{t.Source} ({t.Text.Length} chars)")];

    /// <summary>How many characters were scanned.</summary>
    public long Characters => _texts.Sum(t => (long)t.Text.Length);

    public void Add(string source, string text) => _texts.Add((source, text));

    /// <summary>Adds every regular file under <paramref name="directory"/> (read as UTF-8), skipping folders named in <paramref name="skip"/>.</summary>
    public void AddFiles(string label, string directory, params string[] skip)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(directory, file);
            if (!skip.Any(folder => relative.Split(Path.DirectorySeparatorChar).Contains(folder, StringComparer.Ordinal)))
            {
                Add($"{label}/{relative}", Encoding.UTF8.GetString(File.ReadAllBytes(file)));
            }
        }
    }

    /// <summary>Every place a canary was found: the source, what the canary stands for, and the text around it.</summary>
    public IReadOnlyList<string> Leaks()
    {
        var leaks = new List<string>();
        foreach (var (source, text) in _texts)
        {
            foreach (var (what, canary) in canaries)
            {
                for (var at = text.IndexOf(canary, StringComparison.Ordinal); at >= 0; at = text.IndexOf(canary, at + 1, StringComparison.Ordinal))
                {
                    var from = Math.Max(0, at - 80);
                    var excerpt = text[from..Math.Min(text.Length, at + canary.Length + 40)].ReplaceLineEndings(" ");
                    leaks.Add($"{what} in {source}: …{excerpt}…");
                }
            }
        }

        return leaks;
    }
}
