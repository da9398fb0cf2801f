using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Server.Hosting;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Dashboard.Tests.Support;

/// <summary>The real NEXUS host (<see cref="NexusHost"/>, as <c>nexus serve</c> builds it) on a free 127.0.0.1 port: a temp data
/// directory (SQLite, git workspaces), the replay provider on the repository's <c>samples/</c>, and a known API key.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string ApiKey = "dashboard-test-key-0123456789";

    private readonly WebApplication _app;

    private TestHost(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Projects = app.Services.GetRequiredService<ProjectClient>();
        Http = new HttpClient { BaseAddress = baseAddress };
        Api = new HttpClient { BaseAddress = baseAddress };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    /// <summary>The host's address (http://127.0.0.1:PORT/).</summary>
    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>The engine's project client, for waits on real state.</summary>
    public ProjectClient Projects { get; }

    /// <summary>A client without a key.</summary>
    public HttpClient Http { get; }

    /// <summary>A client with the API key.</summary>
    public HttpClient Api { get; }

    /// <summary>Starts a host; <paramref name="configureRuntime"/> changes its runtime's options (agents, Claude Code).</summary>
    public static async Task<TestHost> StartAsync(CancellationToken cancellationToken, Action<NexusOptions>? configureRuntime = null)
    {
        var data = Directory.CreateTempSubdirectory("nexus-dash-").FullName;
        NexusOptions? runtime = null;
        if (configureRuntime is not null)
        {
            runtime = new NexusOptions { RunWorker = true, DataDirectory = data, ScenariosDirectory = Repository.Samples };
            configureRuntime(runtime);
        }

        var builder = NexusHost.CreateBuilder(
        [
            "--urls", "http://127.0.0.1:0",
            "--data", data,
            "--scenarios", Repository.Samples,
            "--Nexus:ApiKeys:0", ApiKey,
            "--Nexus:RetryAfterSeconds", "1",
            "--Logging:LogLevel:Default", "Warning",
        ], runtime);
        var app = NexusHost.BuildApp(builder);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new TestHost(app, data, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
