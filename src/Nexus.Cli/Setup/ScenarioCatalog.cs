using System.Text.Json;
using Nexus.Cli.Output;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Cli.Setup;

/// <summary>The replay scenarios shipped in <c>samples/</c>: one folder each, with a <c>scenario.json</c> that describes it.</summary>
internal sealed class ScenarioCatalog(string directory)
{
    public const string Demo = "demo";

    public string Directory => directory;

    public static ScenarioCatalog Find(NexusOptions options)
    {
        try
        {
            return new ScenarioCatalog(options.ResolveScenariosDirectory());
        }
        catch (DirectoryNotFoundException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    public IReadOnlyList<string> Names =>
        [.. new DirectoryInfo(directory).EnumerateDirectories().Select(d => d.Name).Order(StringComparer.Ordinal)];

    /// <summary>Throws <see cref="UsageException"/> when there is no scenario <paramref name="name"/>.</summary>
    public void EnsureExists(string name)
    {
        if (name.IndexOfAny(['/', '\\']) >= 0 || name is "." or ".." || !System.IO.Directory.Exists(Path.Combine(directory, name)))
        {
            throw new UsageException($"unknown replay scenario '{name}' (available: {string.Join(", ", Names)})");
        }
    }

    /// <summary>The scenario's <c>scenario.json</c>.</summary>
    public async Task<ScenarioDescription> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        EnsureExists(name);
        var path = Path.Combine(directory, name, "scenario.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the scenario '{name}' has no scenario.json ({path})");
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var scenario = await JsonSerializer.DeserializeAsync<ScenarioDescription>(stream, CliJson.Options, cancellationToken);
            return scenario is { Description.Length: > 0 }
                ? scenario
                : throw new InvalidOperationException($"{path} has no description");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path} is not valid: {e.Message}", e);
        }
    }
}
