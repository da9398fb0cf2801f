using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Api;
using Nexus.Api.Contract;
using Nexus.Server.Hosting;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Server.Tests.Support;

/// <summary>The real host (Program.cs) on a data directory: real SQLite, real git, real test runs, replay agents.</summary>
internal sealed class NexusAppFactory : WebApplicationFactory<Program>, IApiHost
{
    public const string ApiKey = ContractKeys.ApiKey;
    public const string OtherApiKey = ContractKeys.OtherApiKey;

    private readonly Action<NexusHostOptions>? _configure;
    private readonly bool _configureKeys;
    private readonly TimeProvider? _clock;

    /// <param name="clock">The host's clock (engine, store and API); default the system's.</param>
    public NexusAppFactory(string? dataDirectory = null, Action<NexusHostOptions>? configure = null, bool configureKeys = true, TimeProvider? clock = null)
    {
        DataDirectory = dataDirectory ?? NewDataDirectory();
        _configure = configure;
        _configureKeys = configureKeys;
        _clock = clock;
    }

    public string DataDirectory { get; }

    public static string SamplesDirectory { get; } = FindSamples();

    public NexusRuntime Runtime => Services.GetRequiredService<NexusRuntimeService>().Runtime;

    public ProjectClient Projects => Runtime.Projects;

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("nexus-fn-").FullName;

    /// <summary>A client that sends the test API key.</summary>
    public HttpClient CreateApiClient(string? key = ApiKey)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    public void DeleteData()
    {
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", DataDirectory);
        builder.UseSetting("scenarios", SamplesDirectory);
        builder.ConfigureServices(services =>
        {
            services.PostConfigure<ApiOptions>(options =>
            {
                if (_configureKeys)
                {
                    options.ApiKeys.Add(ApiKey);
                    options.ApiKeys.Add(OtherApiKey);
                }

                options.RetryAfterSeconds = 1;
            });
            services.PostConfigure<NexusHostOptions>(options => _configure?.Invoke(options));
            if (_clock is { } clock)
            {
                // The runtime's options as the host builds them, on the test's clock.
                var built = services.Single(service => service.ServiceType == typeof(NexusOptions));
                services.Remove(built);
                services.AddSingleton(sp =>
                {
                    var options = (NexusOptions)built.ImplementationFactory!(sp);
                    options.TimeProvider = clock;
                    return options;
                });
            }
        });
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
