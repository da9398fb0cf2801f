using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Cli.Tests.Support;
using Nexus.Server.Hosting;
using Nexus.Workflows.Hosting;
using Xunit;
using Nexus.Hosting;

[assembly: AssemblyFixture(typeof(Nexus.Cli.Tests.Remote.RemoteHost))]

namespace Nexus.Cli.Tests.Remote;

/// <summary>One real NEXUS host for every remote test: <see cref="NexusHost"/> in this process on a free 127.0.0.1 port,
/// its own data directory and a known API key, the worker in the same process, the replay provider over the repository's
/// samples. The tests run the real <c>nexus</c> process against it with <c>--server</c>.</summary>
public sealed class RemoteHost : IAsyncLifetime
{
    /// <summary>The key the host accepts.</summary>
    public const string ApiKey = "nexus-cli-test-key-6Jq2xV9s";

    private WebApplication? _app;

    public RemoteHost()
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("nexus-remote-").FullName;
        DataDirectory = Path.Combine(WorkingDirectory, "host-data");
    }

    /// <summary>A temporary folder for the host's data and the CLI's working directory.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The host's data directory (its store and its submission queue).</summary>
    public string DataDirectory { get; }

    /// <summary>The host's address, like <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var builder = NexusHost.CreateBuilder(["--urls", "http://127.0.0.1:0"], new NexusOptions { DataDirectory = DataDirectory, RunWorker = true });
        builder.Configuration["Nexus:ApiKeys:0"] = ApiKey;

        // The tests share one key: the default limit (600/minute) is for people, not for a test run.
        builder.Configuration["Nexus:RateLimitPermits"] = "100000";
        builder.Configuration["Nexus:QueuePollInterval"] = "00:00:00.250";
        builder.Logging.ClearProviders();
        _app = NexusHost.BuildApp(builder);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("the host has no address");
        Url = addresses.Single().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A workspace file still held by a dying child: the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only git objects on some systems: same.
        }
    }

    /// <summary>Runs <c>nexus {arguments} --server {Url}</c> with <c>NEXUS_API_KEY</c> set to the host's key (unless
    /// <paramref name="environment"/> says otherwise) and waits for its end.</summary>
    internal async Task<CliResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await using var process = Start(arguments, environment);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(NexusCli.Timeout);
        return await process.WaitForExitAsync(limit.Token);
    }

    /// <summary>Starts <c>nexus {arguments} --server {Url}</c> (see <see cref="RunAsync"/>).</summary>
    internal CliProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        StartRaw([.. arguments, "--server", Url], environment);

    /// <summary>Runs <c>nexus {arguments}</c> as given (no <c>--server</c>), with the key in the environment.</summary>
    internal async Task<CliResult> RunRawAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await using var process = StartRaw(arguments, environment);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(NexusCli.Timeout);
        return await process.WaitForExitAsync(limit.Token);
    }

    /// <summary>The JSON a command printed.</summary>
    internal static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private CliProcess StartRaw(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var variables = new Dictionary<string, string?> { ["NEXUS_API_KEY"] = ApiKey };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return CliProcess.Start(arguments, WorkingDirectory, variables);
    }
}
