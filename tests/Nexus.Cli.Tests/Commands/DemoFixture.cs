using System.Text.Json;
using Nexus.Cli.Tests.Support;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary>One <c>nexus demo --json</c> run, shared by the tests that read a finished project.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    internal NexusCli Cli { get; } = new();

    internal CliResult Demo { get; private set; } = new(-1, string.Empty, string.Empty);

    public string ProjectId { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        Demo = await Cli.RunAsync("demo", "--json", "--id", "demo-1");
        if (Demo.ExitCode == 0)
        {
            using var json = JsonDocument.Parse(Demo.Stdout);
            ProjectId = json.RootElement.GetProperty("id").GetString() ?? string.Empty;
        }
    }

    public ValueTask DisposeAsync()
    {
        Cli.Dispose();
        return ValueTask.CompletedTask;
    }
}
