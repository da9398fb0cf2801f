using System.Text.Json;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Hosting;

namespace Nexus.Workflows.Tests.Support;

/// <summary>A NEXUS runtime on a temporary data directory (real SQLite, real git, real test runs, replay agents).</summary>
internal sealed class WorkflowFixture : IAsyncDisposable
{
    private WorkflowFixture(string dataDirectory, NexusRuntime runtime)
    {
        DataDirectory = dataDirectory;
        Runtime = runtime;
    }

    public string DataDirectory { get; }

    public NexusRuntime Runtime { get; }

    public ProjectClient Projects => Runtime.Projects;

    public static string SamplesDirectory { get; } = FindSamples();

    public static async Task<WorkflowFixture> StartAsync(Action<NexusOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var data = Directory.CreateTempSubdirectory("nexus-wf-").FullName;
        var options = new NexusOptions { DataDirectory = data, ScenariosDirectory = SamplesDirectory };
        configure?.Invoke(options);
        return new WorkflowFixture(data, await NexusRuntime.StartAsync(options, cancellationToken));
    }

    /// <summary>The request for a bundled scenario, read from its scenario.json.</summary>
    public static ProjectRequest Scenario(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SamplesDirectory, name, "scenario.json")));
        var root = json.RootElement;
        string? Text(string property) => root.TryGetProperty(property, out var value) ? value.GetString() : null;
        return new ProjectRequest
        {
            Description = Text("description")!,
            Requirements = Text("requirements"),
            Technology = Text("technology"),
            TestCommand = Text("testCommand"),
            Provider = "replay",
            Scenario = name,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "demo", "scenario.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/demo/scenario.json was not found above the test output directory.");
    }
}
