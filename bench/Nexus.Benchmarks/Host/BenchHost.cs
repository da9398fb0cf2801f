using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Durable.Sqlite;
using Nexus.Server.Hosting;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Benchmarks.Host;

/// <summary>The real NEXUS host (<see cref="NexusHost"/>) in this process: Kestrel on a free 127.0.0.1 port, a temp data
/// directory with the default durable SQLite store (wrapped in a <see cref="HistoryCommitRecorder"/>), the engine worker,
/// replay agents on the repository's <c>samples/</c>, one random API key and a raised rate limit.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>The per-key rate limit of the run (requests per minute); the host's default is 600.</summary>
    public const int RateLimitPermits = 1_000_000_000;

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, Uri baseAddress, string dataDirectory, string scenarios, string apiKey, HistoryCommitRecorder recorder)
    {
        _app = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        ScenariosDirectory = scenarios;
        ApiKey = apiKey;
        Recorder = recorder;
        Projects = app.Services.GetRequiredService<ProjectClient>();
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public string ScenariosDirectory { get; }

    /// <summary>The run's API key (random, never printed).</summary>
    public string ApiKey { get; }

    public HistoryCommitRecorder Recorder { get; }

    /// <summary>The in-process project client (for waits on the engine's change notifications, not for the measured calls).</summary>
    public ProjectClient Projects { get; }

    /// <param name="runWorker">Whether the engine worker runs in the host (without it, started projects stay Pending).</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<BenchHost> StartAsync(bool runWorker = true, CancellationToken cancellationToken = default)
    {
        var data = Directory.CreateTempSubdirectory("nexus-host-bench-").FullName;
        HistoryCommitRecorder? recorder = null;
        var runtime = new NexusOptions
        {
            DataDirectory = data,
            Store = NexusStoreKind.Sqlite,
            RunWorker = runWorker,
            StoreFactory = o => recorder = new HistoryCommitRecorder(new SqliteDurableStore(new SqliteStoreOptions
            {
                DatabasePath = Path.Combine(o.DataPath, "nexus.db"),
                Durability = SqliteDurability.Full,
                TimeProvider = o.TimeProvider,
            })),
        };
        runtime.ScenariosDirectory = runtime.ResolveScenariosDirectory();
        var apiKey = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var builder = NexusHost.CreateBuilder(["--urls", "http://127.0.0.1:0"], runtime);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{NexusHostOptions.Section}:ApiKeys:0"] = apiKey,
            [$"{NexusHostOptions.Section}:{nameof(NexusHostOptions.RateLimitPermits)}"] = RateLimitPermits.ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = NexusHost.BuildApp(builder);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Urls.Select(u => new Uri(u)).FirstOrDefault(u => u.Port != 0)
                ?? throw new InvalidOperationException("Kestrel reported no bound address.");
            return new BenchHost(app, address, data, runtime.ScenariosDirectory, apiKey,
                recorder ?? throw new InvalidOperationException("The runtime did not use the StoreFactory."));
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    /// <summary>A client over one <see cref="SocketsHttpHandler"/> with up to <paramref name="connections"/> connections,
    /// sending the API key.</summary>
    public HttpClient CreateClient(int connections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
        };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = BaseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a workspace file still open by a finishing test run; the temp directory is left behind
        }
    }
}
