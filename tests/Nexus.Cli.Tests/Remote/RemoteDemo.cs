using Nexus.Cli.Tests.Support;
using Xunit;

namespace Nexus.Cli.Tests.Remote;

/// <summary>One <c>nexus demo --json --server URL</c> run on the shared host, read by the tests of a finished remote project.</summary>
public sealed class RemoteDemo(RemoteHost host) : IAsyncLifetime
{
    public const string ProjectId = "r-demo-1";

    internal CliResult Demo { get; private set; } = new(-1, string.Empty, string.Empty);

    public async ValueTask InitializeAsync() => Demo = await host.RunAsync(["demo", "--json", "--id", ProjectId]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
